# ctest entry backends/blas/isa_objects (cmake -P): the per-instruction-set objects of the blas
# kernels (cmake/blas_isas.cmake) hold what they claim and nothing the linker could share.
#   -DDIR=<build>/blas_isas -DISAS="avx512;avx2;sse2" -DOBJDUMP=... -DNM=...
# For each set: the object defines exactly one global symbol, its make_backend (every inline
# function it compiled is a private copy, so no AVX-512 code can stand in for the SSE2 kernels'
# calls); the sse2 object has no VEX or EVEX instruction, the avx2 one no ZMM register, and the
# avx512 one does use ZMM registers (its flags took effect).
foreach(isa ${ISAS})
  set(object ${DIR}/keraspp_blas_${isa}.o)
  execute_process(COMMAND ${NM} --defined-only --extern-only ${object}
                  OUTPUT_VARIABLE globals RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} failed on ${object}")
  endif()
  string(STRIP "${globals}" globals)
  string(LENGTH ${isa} length)
  if(NOT globals MATCHES "^[0-9a-f]+ T _ZN5keras7backend4blas${length}${isa}12make_backendEv$")
    message(FATAL_ERROR "${object}: expected one global symbol, keras::backend::blas::${isa}::"
                        "make_backend(), found:\n${globals}")
  endif()
  execute_process(COMMAND ${OBJDUMP} -d --no-show-raw-insn ${object}
                  OUTPUT_VARIABLE code RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${OBJDUMP} failed on ${object}")
  endif()
  string(REGEX MATCH "%zmm[0-9]+" zmm "${code}")
  string(REGEX MATCH "\t(v[a-z0-9]+) " vex "${code}")
  if(isa STREQUAL "sse2" AND (vex OR zmm))
    message(FATAL_ERROR "${object}: the SSE2 kernels contain an AVX instruction (${vex}${zmm})")
  elseif(isa STREQUAL "avx2" AND zmm)
    message(FATAL_ERROR "${object}: the AVX2 kernels use an AVX-512 register (${zmm})")
  elseif(isa STREQUAL "avx512" AND NOT zmm)
    message(FATAL_ERROR "${object}: the AVX-512 kernels use no ZMM register")
  endif()
  message(STATUS "${isa}: one global symbol; instructions as expected")
endforeach()
