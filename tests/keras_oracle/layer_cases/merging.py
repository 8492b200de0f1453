"""Merging layers: several inputs, one output. Covers the elementwise merges on equal shapes,
on shapes that broadcast (a 1 stretching, an input of lower rank), three inputs, and every
Concatenate axis and Dot axes/normalize combination the C++ side implements."""
from layer_cases import case

CASES = []
for name in ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"]:
    snake = name.lower()
    CASES += [
        case(f"merging/{snake}", name, inputs=[(2, 3), (2, 3)]),
        # A 1 stretches; a rank-2 input gets an axis after the batch dimension.
        case(f"merging/{snake}_broadcast", name, inputs=[(2, 3, 4), (2, 1, 4)]),
        case(f"merging/{snake}_lower_rank", name, inputs=[(2, 3, 4), (2, 4)]),
    ]
    if name != "Subtract":
        case_id = f"merging/{snake}_three"
        CASES.append(case(case_id, name, inputs=[(3, 2, 5), (3, 2, 5), (3, 2, 5)]))

CASES += [
    case("merging/concatenate", "Concatenate", inputs=[(2, 3), (2, 4)]),
    case("merging/concatenate_axis1_rank3", "Concatenate", dict(axis=1),
         inputs=[(2, 1, 4), (2, 3, 4), (2, 2, 4)]),
    case("merging/concatenate_axis_minus2", "Concatenate", dict(axis=-2),
         inputs=[(2, 3, 5), (2, 2, 5)]),
    case("merging/dot_vectors", "Dot", dict(axes=1), inputs=[(3, 4), (3, 4)]),
    case("merging/dot_normalize", "Dot", dict(axes=-1, normalize=True), inputs=[(3, 5), (3, 5)]),
    case("merging/dot_matrices", "Dot", dict(axes=[2, 1]), inputs=[(2, 3, 4), (2, 4, 5)]),
    case("merging/dot_rank4_by_rank2", "Dot", dict(axes=(2, 1)),
         inputs=[(2, 3, 4, 5), (2, 4)]),
    case("merging/dot_rank2_by_rank3_normalize", "Dot", dict(axes=[1, 2], normalize=True),
         inputs=[(2, 4), (2, 3, 4)]),
]
