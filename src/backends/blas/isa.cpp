#include "src/backends/blas/isa.hpp"

#include <cstdlib>

#include "keras/core/errors.hpp"
#include "src/backends/factories.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace keras::backend {
namespace blas {
namespace {

#if defined(__x86_64__) || defined(__i386__)
struct X86Features {
  bool v3 = false;  // AVX, AVX2, FMA, BMI1/2, F16C, LZCNT, MOVBE, with YMM state saved by the OS
  bool v4 = false;  // v3 + AVX-512 F/CD/BW/DQ/VL, with the opmask and ZMM state saved
};

bool bit(unsigned reg, int n) { return (reg >> n) & 1u; }

X86Features detect() {
  X86Features f;
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  const unsigned ecx1 = c;
  // XGETBV is only there when the OS has enabled XSAVE (OSXSAVE).
  if (!bit(ecx1, 27)) return f;
  unsigned xcr0_lo = 0, xcr0_hi = 0;
  __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
  const bool ymm_state = (xcr0_lo & 0x6u) == 0x6u;    // SSE and AVX state
  const bool zmm_state = (xcr0_lo & 0xE6u) == 0xE6u;  // + opmask, ZMM_Hi256, Hi16_ZMM
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return f;
  const unsigned ebx7 = b;
  unsigned ecx_ext = 0;
  if (__get_cpuid(0x80000001u, &a, &b, &c, &d)) ecx_ext = c;
  f.v3 = ymm_state && bit(ecx1, 12) /*FMA*/ && bit(ecx1, 22) /*MOVBE*/ && bit(ecx1, 28) /*AVX*/ &&
         bit(ecx1, 29) /*F16C*/ && bit(ebx7, 3) /*BMI1*/ && bit(ebx7, 5) /*AVX2*/ &&
         bit(ebx7, 8) /*BMI2*/ && bit(ecx_ext, 5) /*LZCNT*/;
  f.v4 = f.v3 && zmm_state && bit(ebx7, 16) /*AVX512F*/ && bit(ebx7, 17) /*DQ*/ &&
         bit(ebx7, 28) /*CD*/ && bit(ebx7, 30) /*BW*/ && bit(ebx7, 31) /*VL*/;
  return f;
}
#else
struct X86Features {
  bool v3 = false, v4 = false;
};
X86Features detect() { return {}; }
#endif

const X86Features& features() {
  static const X86Features f = detect();
  return f;
}

std::string compiled_names() {
  std::string out;
  for (const CompiledIsa& isa : compiled_isas())
    out += (out.empty() ? "" : ", ") + std::string(isa.name);
  return out;
}

const CompiledIsa* find(const std::string& name) {
  for (const CompiledIsa& isa : compiled_isas())
    if (name == isa.name) return &isa;
  return nullptr;
}

}  // namespace

bool cpu_runs(const std::string& isa) {
  if (isa == "avx512") return features().v4;
  if (isa == "avx2") return features().v3;
  return isa == "sse2" || isa == "native" || isa == "generic";
}

std::string chosen_isa() {
  if (const char* env = std::getenv("KERAS_BLAS_ISA"); env && *env) {
    const std::string name = env;
    if (!find(name))
      throw ValueError("KERAS_BLAS_ISA='" + name +
                       "': this build's blas kernels are compiled for " + compiled_names());
    if (!cpu_runs(name))
      throw ValueError("KERAS_BLAS_ISA='" + name + "': this CPU cannot run the " + name +
                       " kernels (compiled for: " + compiled_names() + ")");
    return name;
  }
  for (const CompiledIsa& isa : compiled_isas())
    if (cpu_runs(isa.name)) return isa.name;
  throw ValueError(
      "This CPU runs none of the instruction sets the blas kernels are compiled for (" +
      compiled_names() + "); use the reference backend");
}

}  // namespace blas

std::unique_ptr<Backend> make_blas_backend() { return blas::find(blas::chosen_isa())->make(); }

}  // namespace keras::backend
