"""Attention layers: MultiHeadAttention, called as Keras calls it, mha(query, value[, key],
**kwargs) (`positional=True`); its masks and flags are keyword arguments of the call
(`call_kwargs`, `kwarg_inputs`), which tests/conformance/layer_keyword_calls.cpp maps onto
MultiHeadAttentionImpl::call_attention. Dropout is 0 (deterministic) throughout. Masks carried
on the inputs (Keras's _keras_mask): `mask=True` is the query's, `value_mask` / `key_mask` the
others'; those cases ask for the scores, which takes Keras's explicit path (its fused JAX path
spreads a fully masked query row evenly where the explicit one gives zeros).

Attention and AdditiveAttention are called on a list, att([query, value(, key)], mask=[...],
**flags): the query's mask is `mask=True`, the value's the `kwarg_inputs` value_mask (the
generator puts it second in the `mask` list). GroupQueryAttention (Keras's GroupedQueryAttention
class) is called as MultiHeadAttention is."""
from layer_cases import case


def mha(id, kwargs, inputs, **options):
    return case("attention/" + id, "MultiHeadAttention", kwargs, inputs=inputs, positional=True,
                **options)


def att(id, class_name, kwargs, inputs, **options):
    return case("attention/" + id, class_name, kwargs, inputs=inputs, **options)


def gqa(id, kwargs, inputs, **options):
    return case("attention/" + id, "GroupQueryAttention", kwargs, inputs=inputs,
                positional=True, **options)


CASES = [
    mha("mha_self", dict(num_heads=2, key_dim=3), [(2, 4, 5), (2, 4, 5)]),
    # value_dim != key_dim: Keras 3.15's fused jax.nn.dot_product_attention path fails on it
    # (it reshapes the output with key_dim), so the case asks for the scores, which takes
    # Keras's explicit einsum path.
    mha("mha_cross_odd_heads", dict(num_heads=3, key_dim=5, value_dim=2, output_shape=4),
        [(2, 3, 7), (2, 5, 6)], call_kwargs=dict(return_attention_scores=True)),
    mha("mha_key", dict(num_heads=2, key_dim=4), [(2, 3, 5), (2, 4, 6), (2, 4, 3)]),
    mha("mha_no_bias_output_shape_2d", dict(num_heads=2, key_dim=3, use_bias=False,
                                            output_shape=(2, 3)), [(2, 4, 5), (2, 3, 5)]),
    mha("mha_rank4_axes_1", dict(num_heads=2, key_dim=2, attention_axes=(1,)),
        [(2, 3, 4, 5), (2, 3, 4, 5)]),
    mha("mha_rank4_axes_2", dict(num_heads=2, key_dim=3, attention_axes=(2,)),
        [(2, 3, 4, 5), (2, 3, 2, 6)]),
    mha("mha_rank4_default_axes", dict(num_heads=2, key_dim=2), [(2, 2, 3, 4), (2, 3, 2, 4)]),
    mha("mha_gate_sliding_window", dict(num_heads=2, key_dim=2, use_gate=True, sliding_window=2),
        [(2, 5, 3), (2, 5, 3)]),
    mha("mha_attention_mask", dict(num_heads=2, key_dim=3), [(2, 4, 5), (2, 6, 5)],
        kwarg_inputs=dict(attention_mask=((2, 4, 6), "bool"))),
    mha("mha_attention_mask_int_broadcast", dict(num_heads=2, key_dim=3), [(2, 4, 5), (2, 6, 5)],
        kwarg_inputs=dict(attention_mask=((2, 1, 6), "int32"))),
    mha("mha_causal", dict(num_heads=2, key_dim=3), [(2, 5, 4), (2, 5, 4)],
        call_kwargs=dict(use_causal_mask=True)),
    mha("mha_causal_mask_scores", dict(num_heads=3, key_dim=2), [(2, 4, 5), (2, 6, 5)],
        call_kwargs=dict(use_causal_mask=True, return_attention_scores=True),
        kwarg_inputs=dict(attention_mask=((2, 4, 6), "bool"))),
    mha("mha_scores_rank4_axes_2", dict(num_heads=2, key_dim=2, attention_axes=(2,)),
        [(2, 3, 4, 5), (2, 3, 4, 5)], call_kwargs=dict(return_attention_scores=True)),
    mha("mha_query_value_masks", dict(num_heads=2, key_dim=3), [(2, 4, 5), (2, 6, 5)],
        mask=True, call_kwargs=dict(return_attention_scores=True),
        kwarg_inputs=dict(value_mask=((2, 6), "bool"))),
    mha("mha_key_masks_causal", dict(num_heads=2, key_dim=2), [(2, 5, 3), (2, 5, 4), (2, 5, 3)],
        mask=True, call_kwargs=dict(use_causal_mask=True, return_attention_scores=True),
        kwarg_inputs=dict(value_mask=((2, 5), "bool"), key_mask=((2, 5), "bool"))),
    # Few, combined cases: each costs seconds of JAX tracing in the CI's oracle step.
    att("attention_dot_scale_key_value_mask", "Attention", dict(use_scale=True),
        [(2, 3, 4), (2, 5, 6), (2, 5, 4)], kwarg_inputs=dict(value_mask=((2, 5), "bool"))),
    att("attention_masks_scores", "Attention", {}, [(2, 4, 3), (2, 5, 3)],
        mask=True, call_kwargs=dict(return_attention_scores=True),
        kwarg_inputs=dict(value_mask=((2, 5), "bool"))),
    att("attention_concat_scale_key_causal_masks", "Attention",
        dict(score_mode="concat", use_scale=True), [(2, 4, 3), (2, 4, 2), (2, 4, 3)], mask=True,
        call_kwargs=dict(use_causal_mask=True), kwarg_inputs=dict(value_mask=((2, 4), "bool"))),
    att("additive_masks_scores", "AdditiveAttention", {}, [(2, 4, 3), (2, 5, 3)], mask=True,
        call_kwargs=dict(return_attention_scores=True),
        kwarg_inputs=dict(value_mask=((2, 5), "bool"))),
    att("additive_no_scale_key_causal", "AdditiveAttention", dict(use_scale=False),
        [(2, 4, 3), (2, 4, 2), (2, 4, 3)], call_kwargs=dict(use_causal_mask=True)),
    # The padded query rows attend to nothing: Keras's fused path (no scores) spreads them evenly.
    gqa("gqa_kv1_odd_head_dim_key_causal_query_mask",
        dict(head_dim=3, num_query_heads=4, num_key_value_heads=1), [(2, 4, 5), (2, 4, 5), (2, 4, 3)],
        mask=True, call_kwargs=dict(use_causal_mask=True)),
    gqa("gqa_kv2_masks_window_gate_no_bias_scores",
        dict(head_dim=2, num_query_heads=4, num_key_value_heads=2, sliding_window=3,
             use_gate=True, use_bias=False),
        [(2, 3, 4), (2, 5, 4)], mask=True, call_kwargs=dict(return_attention_scores=True),
        kwarg_inputs=dict(value_mask=((2, 5), "bool"), attention_mask=((2, 3, 5), "bool"))),
    gqa("gqa_equal_heads", dict(head_dim=2, num_query_heads=2, num_key_value_heads=2),
        [(2, 3, 4), (2, 3, 4)]),
]
