// Oracle harness over Apache DataSketches (datasketches-cpp, header-only). Build command: see build.sh.
// Reads a whitespace-separated token stream on stdin, writes one fact per line on stdout.
//
//   kll-build  <double|float> <k>   : P, then P blocks (count, values…), then probes (count, values…)
//                                     → "part <hex>" per block, "merged <hex>" (fresh sketch, merged in order), summary of merged
//   kll-read   <double|float>       : S, S hex sketches, probes → per sketch "sketch <reserialised hex>" + summary, or "error <msg>"
//   kll-merge  <double|float> <k>   : S, S hex sketches, probes → "merged <hex>" + summary
//   fi-build   <lg_max_map_size>    : P, P blocks (count, items…) → "part <hex>" per block, "merged <hex>", summary
//   fi-read                         : S, S hex → per sketch "sketch <hex>" + summary, or "error <msg>"
//   fi-merge   <lg_max_map_size>    : S, S hex → "merged <hex>" + summary
//   hll-build  <lg_k> <4|6|8> [full]: P, P blocks (count, items…) → "part <hex> <estimate>" per block, union (HLL_8) "merged <hex>" + summary
//   hll-read                        : S, S hex → per sketch "sketch <hex>" + summary, or "error <msg>"
//   hll-merge  <lg_max_k>           : S, S hex → union (HLL_8) "merged <hex>" + summary
//
// Built twice: `harness` (the library's random KLL coin) and `harness-validation` (-DKLL_VALIDATION:
// the library's deterministic alternating coin, starting at 0, global to the process).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>
#include <map>
#include <algorithm>
#include <stdexcept>

#include "kll_sketch.hpp"
#include "frequent_items_sketch.hpp"
#include "hll.hpp"

#ifdef KLL_VALIDATION
namespace datasketches { uint32_t kll_next_offset = 0; }
#endif

using namespace datasketches;
using bytes_t = std::vector<uint8_t>;

static std::string hex(const uint8_t* p, size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s(n * 2, '0');
  for (size_t i = 0; i < n; i++) { s[2 * i] = d[p[i] >> 4]; s[2 * i + 1] = d[p[i] & 15]; }
  return s;
}
template<typename V> static std::string hexv(const V& v) { return hex(reinterpret_cast<const uint8_t*>(v.data()), v.size()); }
static bytes_t unhex(const std::string& s) {
  bytes_t b(s.size() / 2);
  for (size_t i = 0; i < b.size(); i++) b[i] = (uint8_t) std::stoul(s.substr(2 * i, 2), nullptr, 16);
  return b;
}
static std::string tok() { std::string t; if (!(std::cin >> t)) throw std::runtime_error("unexpected end of input"); return t; }
static long num() { return std::stol(tok()); }
static double dbl() { return std::strtod(tok().c_str(), nullptr); }
static void pd(const char* label, double v) { std::printf("%s %.17g\n", label, v); }

template<typename T>
static void kll_summary(const kll_sketch<T>& s, const std::vector<double>& probes) {
  std::printf("n %llu\n", (unsigned long long) s.get_n());
  std::printf("k %u\nretained %u\nestimation %d\n", s.get_k(), s.get_num_retained(), (int) s.is_estimation_mode());
  pd("eps", s.get_normalized_rank_error(false));
  pd("eps_pmf", s.get_normalized_rank_error(true));
  if (s.is_empty()) return;
  pd("min", s.get_min_item());
  pd("max", s.get_max_item());
  for (int i = 1; i < 100; i++) { char l[32]; std::snprintf(l, sizeof l, "q %.2f", i / 100.0); pd(l, s.get_quantile(i / 100.0)); }
  for (double x : probes) { std::printf("rank %.17g %.17g\n", x, s.get_rank((T) x)); }
}

template<typename T> static std::vector<double> read_probes() {
  std::vector<double> p(num());
  for (auto& x : p) x = dbl();
  return p;
}

template<typename T> static void kll_build(uint16_t k) {
  long parts = num();
  std::vector<kll_sketch<T>> sk;
  for (long i = 0; i < parts; i++) {
    kll_sketch<T> s(k);
    long c = num();
    for (long j = 0; j < c; j++) s.update((T) dbl());
    auto b = s.serialize();
    std::printf("part %s\n", hexv(b).c_str());
    sk.push_back(std::move(s));
  }
  auto probes = read_probes<T>();
  kll_sketch<T> m(k);
  for (auto& s : sk) m.merge(s);
  std::printf("merged %s\n", hexv(m.serialize()).c_str());
  kll_summary(m, probes);
}

template<typename T> static void kll_read() {
  long n = num();
  std::vector<std::string> hs(n);
  for (auto& h : hs) h = tok();
  auto probes = read_probes<T>();
  for (auto& h : hs) {
    try {
      auto b = unhex(h);
      auto s = kll_sketch<T>::deserialize(b.data(), b.size());
      std::printf("sketch %s\n", hexv(s.serialize()).c_str());
      kll_summary(s, probes);
    } catch (std::exception& e) { std::printf("error %s\n", e.what()); }
  }
}

template<typename T> static void kll_merge(uint16_t k) {
  long n = num();
  kll_sketch<T> m(k);
  std::vector<std::string> hs(n);
  for (auto& h : hs) h = tok();
  auto probes = read_probes<T>();
  for (auto& h : hs) { auto b = unhex(h); m.merge(kll_sketch<T>::deserialize(b.data(), b.size())); }
  std::printf("merged %s\n", hexv(m.serialize()).c_str());
  kll_summary(m, probes);
}

using fi_t = frequent_items_sketch<std::string>;
static void fi_summary(const fi_t& s) {
  std::printf("total_weight %llu\nmax_error %llu\nactive %u\n", (unsigned long long) s.get_total_weight(), (unsigned long long) s.get_maximum_error(), s.get_num_active_items());
  pd("epsilon", s.get_epsilon());
  std::map<std::string, uint64_t> m;
  for (auto& row : s.get_frequent_items(frequent_items_error_type::NO_FALSE_NEGATIVES)) m[row.get_item()] = row.get_lower_bound();
  for (auto& kv : m) std::printf("item %s %llu %llu %llu\n", kv.first.c_str(), (unsigned long long) s.get_estimate(kv.first), (unsigned long long) s.get_lower_bound(kv.first), (unsigned long long) s.get_upper_bound(kv.first));
}
static void fi_build(uint8_t lg) {
  long parts = num();
  std::vector<fi_t> sk;
  for (long i = 0; i < parts; i++) {
    fi_t s(lg);
    long c = num();
    for (long j = 0; j < c; j++) s.update(tok());
    std::printf("part %s\n", hexv(s.serialize()).c_str());
    sk.push_back(std::move(s));
  }
  fi_t m(lg);
  for (auto& s : sk) m.merge(s);
  std::printf("merged %s\n", hexv(m.serialize()).c_str());
  fi_summary(m);
}
static void fi_read() {
  long n = num();
  for (long i = 0; i < n; i++) {
    std::string h = tok();
    try {
      auto b = unhex(h);
      auto s = fi_t::deserialize(b.data(), b.size());
      std::printf("sketch %s\n", hexv(s.serialize()).c_str());
      fi_summary(s);
    } catch (std::exception& e) { std::printf("error %s\n", e.what()); }
  }
}
static void fi_merge(uint8_t lg) {
  long n = num();
  fi_t m(lg);
  for (long i = 0; i < n; i++) { auto b = unhex(tok()); m.merge(fi_t::deserialize(b.data(), b.size())); }
  std::printf("merged %s\n", hexv(m.serialize()).c_str());
  fi_summary(m);
}

static void hll_summary(const hll_sketch& s) {
  std::printf("lg_k %u\nempty %d\ncompact %d\n", (unsigned) s.get_lg_config_k(), (int) s.is_empty(), (int) s.is_compact());
  pd("estimate", s.get_estimate());
  pd("composite", s.get_composite_estimate());
  for (int sd = 1; sd <= 3; sd++) { char l[16]; std::snprintf(l, sizeof l, "lb%d", sd); pd(l, s.get_lower_bound(sd)); std::snprintf(l, sizeof l, "ub%d", sd); pd(l, s.get_upper_bound(sd)); }
}
static target_hll_type tt(int t) { return t == 4 ? HLL_4 : t == 6 ? HLL_6 : HLL_8; }
static void hll_build(uint8_t lg, int t, bool full) {
  long parts = num();
  hll_union u(lg);
  for (long i = 0; i < parts; i++) {
    hll_sketch s(lg, tt(t), full);
    long c = num();
    for (long j = 0; j < c; j++) s.update(tok());
    std::printf("part %s %.17g\n", hexv(s.serialize_compact()).c_str(), s.get_estimate());
    u.update(s);
  }
  auto r = u.get_result(HLL_8);
  std::printf("merged %s\n", hexv(r.serialize_compact()).c_str());
  hll_summary(r);
}
static void hll_read() {
  long n = num();
  for (long i = 0; i < n; i++) {
    std::string h = tok();
    try {
      auto b = unhex(h);
      auto s = hll_sketch::deserialize(b.data(), b.size());
      std::printf("sketch %s\n", hexv(s.serialize_compact()).c_str());
      hll_summary(s);
    } catch (std::exception& e) { std::printf("error %s\n", e.what()); }
  }
}
static void hll_merge(uint8_t lg) {
  long n = num();
  hll_union u(lg);
  for (long i = 0; i < n; i++) { auto b = unhex(tok()); u.update(hll_sketch::deserialize(b.data(), b.size())); }
  auto r = u.get_result(HLL_8);
  std::printf("merged %s\n", hexv(r.serialize_compact()).c_str());
  hll_summary(r);
}

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) { std::fprintf(stderr, "usage: see header\n"); return 2; }
  std::string c = argv[1];
  auto arg = [&](int i) { if (argc <= i) throw std::runtime_error("missing argument"); return std::string(argv[i]); };
  try {
    if (c == "kll-build") { if (arg(2) == "float") kll_build<float>(std::stoi(arg(3))); else kll_build<double>(std::stoi(arg(3))); }
    else if (c == "kll-read") { if (arg(2) == "float") kll_read<float>(); else kll_read<double>(); }
    else if (c == "kll-merge") { if (arg(2) == "float") kll_merge<float>(std::stoi(arg(3))); else kll_merge<double>(std::stoi(arg(3))); }
    else if (c == "fi-build") fi_build((uint8_t) std::stoi(arg(2)));
    else if (c == "fi-read") fi_read();
    else if (c == "fi-merge") fi_merge((uint8_t) std::stoi(arg(2)));
    else if (c == "hll-build") hll_build((uint8_t) std::stoi(arg(2)), std::stoi(arg(3)), argc > 4 && std::string(argv[4]) == "full");
    else if (c == "hll-read") hll_read();
    else if (c == "hll-merge") hll_merge((uint8_t) std::stoi(arg(2)));
    else { std::fprintf(stderr, "unknown command %s\n", c.c_str()); return 2; }
  } catch (std::exception& e) { std::fprintf(stderr, "error: %s\n", e.what()); return 1; }
  return 0;
}
