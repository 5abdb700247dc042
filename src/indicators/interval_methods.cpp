#include "indicators/interval_methods.hpp"

namespace jamlik {
namespace {

constexpr IntervalMethodLabel kMethods[] = {
    {"wilson", "Wilson", "Wilson"},
    {"clopper_pearson", "Clopper–Pearson (exakt)", "Clopper–Pearson (exact)"},
    {"poisson", "Poisson (Byar eller exakt)", "Poisson (Byar or exact)"},
    {"exact", "exakt Poisson", "exact Poisson"},
    {"byars", "Byar", "Byar"},
    {"dobson", "Dobson", "Dobson"},
    {"fay_feuer", "Fay–Feuer", "Fay–Feuer"},
    {"chiang_ii", "Chiang II", "Chiang II"},
    {"student_t", "Students t", "Student's t"},
    {"order_statistic", "ordningsstatistika", "order statistics"},
};

}  // namespace

std::span<const IntervalMethodLabel> IntervalMethodLabels() { return kMethods; }

std::string MethodLabel(std::string_view id, Language language) {
  for (const IntervalMethodLabel& method : kMethods) {
    if (method.id == id) {
      return std::string(language == Language::kSwedish ? method.label_sv : method.label_en);
    }
  }
  return std::string(id);
}

}  // namespace jamlik
