// The zip layer of the .keras format (src/io/zip_archive.hpp): round trip, atomic writes, and
// hostile archives — path traversal, declared and actual sizes past the limit, corrupt bytes,
// not a zip at all — each an IOError naming the file.
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "io/zip_test_helpers.hpp"
#include "src/io/zip_archive.hpp"
#include "test_util.hpp"

using namespace keras;
using zip_test::make_zip;
namespace fs = std::filesystem;

namespace {

fs::path temp_path(const std::string& name) {
  return fs::temp_directory_path() / ("keraspp_zip_" + std::to_string(::getpid()) + "_" + name);
}

void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("zip archives round-trip; a write is atomic") {
  fs::path p = temp_path("ok.keras");
  {
    io::ZipWriter w(p.string());
    w.add("config.json", R"({"a": 1})");
    w.add("model.weights.h5", std::string(100000, '\x07'));
    w.commit();
  }
  io::ZipReader r(p.string());
  CHECK(r.names() == std::vector<std::string>{"config.json", "model.weights.h5"});
  CHECK(r.read("config.json", 1000) == R"({"a": 1})");
  CHECK(r.read("model.weights.h5", 1 << 20) == std::string(100000, '\x07'));
  CHECK_THROWS_WITH(r.read("nope.json", 10), Catch::Contains("has no entry 'nope.json'"));
  CHECK_THROWS_WITH(r.read("model.weights.h5", 1000), Catch::Contains("declares 100000 bytes"));

  // A writer destroyed before commit (a failed save) leaves the previous file as it was and no
  // temporary file behind.
  std::string before;
  {
    std::ifstream in(p, std::ios::binary);
    before.assign(std::istreambuf_iterator<char>(in), {});
  }
  {
    io::ZipWriter w(p.string());
    w.add("config.json", "{}");
  }
  std::ifstream in(p, std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == before);
  for (const auto& f : fs::directory_iterator(p.parent_path()))
    CHECK(f.path().string().find(p.filename().string() + ".tmp-") == std::string::npos);
  CHECK_THROWS_AS(io::ZipWriter(p.string()).add("../escape", "x"), ValueError);
  fs::remove(p);
}

TEST_CASE("hostile zip archives are IOErrors, never crashes") {
  fs::path p = temp_path("hostile.keras");
  SECTION("hand-made archive reads back (the builder is sound)") {
    write_file(p, make_zip({{"config.json", "{}", 2}}));
    CHECK(io::ZipReader(p.string()).read("config.json", 10) == "{}");
  }
  SECTION("path traversal") {
    for (std::string name : {"../../etc/passwd", "/abs/path", "a/../../b", "dir\\..\\x"}) {
      INFO(name);
      write_file(p, make_zip({{"config.json", "{}", 2}, {name, "x", 1}}));
      CHECK_THROWS_WITH(io::ZipReader(p.string()), Catch::Contains("points outside the archive"));
    }
  }
  SECTION("an entry whose declared size is past the limit") {
    write_file(p, make_zip({{"model.weights.h5", "tiny", 4000000000u}}));
    try {
      io::ZipReader r(p.string());
      CHECK_THROWS_AS(r.read("model.weights.h5", 1 << 20), IOError);
    } catch (const IOError&) {
      SUCCEED("refused when opened");  // libzip's consistency check may reject it already
    }
  }
  SECTION("an entry that expands past what it declares") {
    write_file(p, make_zip({{"config.json", std::string(5000, 'x'), 10}}));
    try {
      io::ZipReader r(p.string());
      CHECK_THROWS_AS(r.read("config.json", 100), IOError);
    } catch (const IOError&) {
      SUCCEED("refused when opened");
    }
  }
  SECTION("corrupt bytes and non-zip files") {
    std::string z = make_zip({{"config.json", R"({"a": 1})", 8}});
    z[32] ^= 0x5a;  // inside the stored data: the CRC no longer matches
    write_file(p, z);
    try {
      io::ZipReader r(p.string());
      CHECK_THROWS_AS(r.read("config.json", 100), IOError);
    } catch (const IOError&) {
      SUCCEED("refused when opened");
    }
    write_file(p, "this is not a zip archive at all");
    CHECK_THROWS_WITH(io::ZipReader(p.string()), Catch::Contains("as a zip archive"));
    write_file(p, z.substr(0, z.size() / 2));  // truncated
    CHECK_THROWS_AS(io::ZipReader(p.string()), IOError);
    CHECK_THROWS_AS(io::ZipReader(temp_path("missing.keras").string()), IOError);
  }
  fs::remove(p);
}
