# The blas backend's kernels (src/backends/blas/kernels/) compiled once per instruction set,
# each copy in a namespace of its own (kernels/isa_namespace.hpp), so one library runs on any
# x86-64 CPU at the speed of the best set it has: src/backends/blas/isa.cpp makes the backend
# of the best set the CPU runs (the environment's KERAS_BLAS_ISA picks another, for tests and
# comparisons). Included from the top-level CMakeLists.txt for the blas backend.
if(KERASPP_NATIVE_ARCH)
  set(isas native)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(isas avx512 avx2 sse2)
else()
  set(isas generic)
endif()
set(KERASPP_BLAS_ISAS ${isas} CACHE INTERNAL "Instruction sets of the blas kernels, best first")
# The x86-64 micro-architecture levels: v4 = AVX-512 F/CD/BW/DQ/VL, v3 = AVX2, FMA, BMI1/2,
# F16C, LZCNT, MOVBE; plain x86-64 is SSE2. Tuning stays generic.
set(flags_avx512 -march=x86-64-v4)
set(flags_avx2 -march=x86-64-v3)
set(flags_native -march=native)

file(GLOB kernel_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/backends/blas/kernels/*.cpp)
set(KERASPP_BLAS_ISA_DECLARATIONS "")
set(KERASPP_BLAS_ISA_ENTRIES "")
foreach(isa ${isas})
  set(target keraspp_blas_${isa})
  add_library(${target} OBJECT ${kernel_sources})
  target_compile_definitions(${target} PRIVATE KERASPP_BLAS_ISA=${isa})
  target_include_directories(${target} PRIVATE $<TARGET_PROPERTY:keraspp,INCLUDE_DIRECTORIES>)
  # -fno-gnu-unique: GCC's static locals of inline functions would be STB_GNU_UNIQUE, which
  # cannot be made local below.
  target_compile_options(${target} PRIVATE -Wall -Wextra ${flags_${isa}}
                         $<$<CXX_COMPILER_ID:GNU>:-fno-gnu-unique>)
  if(BUILD_SHARED_LIBS)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
  # One relocatable object per set, in which every symbol but make_backend is local. The
  # inline functions these files use from headers (our own, the standard library's, xsimd's)
  # are compiled with this set's flags too; left as ordinary weak definitions, the linker would
  # keep one copy for the whole program, and an AVX-512 copy called from the SSE2 kernels would
  # crash a CPU without AVX-512. Dissolving the COMDAT groups (--force-group-allocation) and
  # localizing gives each set its own copies.
  string(LENGTH ${isa} length)
  set(make_backend_symbol "_ZN5keras7backend4blas${length}${isa}12make_backendEv")
  set(merged ${CMAKE_CURRENT_BINARY_DIR}/blas_isas/keraspp_blas_${isa}.o)
  add_custom_command(
    OUTPUT ${merged}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/blas_isas
    COMMAND ${CMAKE_CXX_COMPILER} -r -nostdlib -Wl,--force-group-allocation -o ${merged}.tmp
            $<TARGET_OBJECTS:${target}>
    COMMAND ${CMAKE_OBJCOPY} --keep-global-symbol=${make_backend_symbol} ${merged}.tmp ${merged}
    COMMAND ${CMAKE_COMMAND} -E remove ${merged}.tmp
    DEPENDS ${target} $<TARGET_OBJECTS:${target}>
    COMMAND_EXPAND_LISTS VERBATIM
    COMMENT "Linking the blas kernels for ${isa} into one object with private copies")
  set_source_files_properties(${merged} PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  target_sources(keraspp PRIVATE ${merged})
  string(APPEND KERASPP_BLAS_ISA_DECLARATIONS
         "namespace ${isa} {\nstd::unique_ptr<Backend> make_backend();\n}\n")
  string(APPEND KERASPP_BLAS_ISA_ENTRIES "{\"${isa}\", ${isa}::make_backend}, ")
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/src/backends/blas/compiled_isas.cpp.in
               ${CMAKE_CURRENT_BINARY_DIR}/generated/compiled_isas.cpp @ONLY)
target_sources(keraspp PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated/compiled_isas.cpp)
