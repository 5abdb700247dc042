#include "published/jsonstat.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "published/json_input.hpp"

namespace jamlik::published {
namespace {

// The dataset object and the object holding id, size and role (the dataset itself in 2.0,
// its "dimension" in 1.x).
struct Layout {
  JsonAt dataset;
  JsonAt header;
};

Layout LayoutOf(const nlohmann::json& document, const std::string& file) {
  const JsonAt root(document, file);
  if (IsJsonStat1(document)) {
    const JsonAt dataset = root["dataset"];
    return {dataset, dataset["dimension"]};
  }
  return {root, root};
}

// Read a dimension's categories in position order: `index` as an object or an array, or absent
// for one category (then `label` has exactly one key).
void ReadCategories(const JsonAt& dimension, std::size_t size, ScbVariable& variable) {
  const JsonAt category = dimension["category"];
  const std::optional<JsonAt> labels = category.Find("label");
  // Sized once `size` is known to match the categories given, never from `size` alone.
  std::vector<std::optional<std::string>> codes;
  const auto place = [&](const std::string& code, std::size_t position, const JsonAt& at) {
    if (position >= size || codes[position]) {
      at.Fail(fmt::format("{} 0…{}, {}", Tr("en position", "a position"), size - 1,
                          Tr("var och en en gång", "each once")),
              fmt::format("a position 0…{}, each once", size - 1));
    }
    codes[position] = code;
  };
  if (const std::optional<JsonAt> index = category.Find("index")) {
    if (index->value().is_array()) {
      if (index->ArraySize() != size)
        index->Fail(fmt::format("{} koder (size)", size), fmt::format("{} codes (size)", size));
      codes.resize(size);
      for (std::size_t i = 0; i < size; ++i) place(index->At(i).String(), i, index->At(i));
    } else {
      if (index->ObjectSize() != size)
        index->Fail(fmt::format("{} koder (size)", size), fmt::format("{} codes (size)", size));
      codes.resize(size);
      for (const auto& [code, position] : index->value().items()) {
        const JsonAt at = index->Child(code);
        place(code, at.Index(), at);
      }
    }
  } else {
    if (!labels || labels->ObjectSize() != 1 || size != 1) {
      category.Fail("\"index\" (eller en enda kategori i \"label\")",
                    "\"index\" (or a single category in \"label\")");
    }
    codes.resize(1);
    place(labels->value().begin().key(), 0, *labels);
  }
  for (std::size_t i = 0; i < size; ++i) {
    variable.codes.push_back(*codes[i]);
    const std::optional<JsonAt> label = labels ? labels->Find(*codes[i]) : std::nullopt;
    variable.labels.push_back(label ? label->String() : *codes[i]);
  }
}

// The flat index a sparse `value` or `status` object is keyed by.
std::size_t FlatIndex(const std::string& key, std::size_t cells, const JsonAt& at) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (error != std::errc() || end != key.data() + key.size() || index >= cells) {
    at.Fail(fmt::format("{} 0…{}", Tr("ett index", "an index"), cells == 0 ? 0 : cells - 1),
            fmt::format("an index 0…{}", cells == 0 ? 0 : cells - 1));
  }
  return index;
}

std::optional<double> CellValue(const JsonAt& value) {
  if (value.IsNull()) return std::nullopt;
  return value.Number();
}

}  // namespace

bool IsJsonStat2(const nlohmann::json& document) {
  if (!document.is_object() || !document.contains("dimension")) return false;
  const auto has = [&](const char* key, const char* text) {
    const auto found = document.find(key);
    return found != document.end() && found->is_string() && found->get<std::string>() == text;
  };
  return has("class", "dataset") || has("version", "2.0");
}

bool IsJsonStat1(const nlohmann::json& document) {
  if (!document.is_object()) return false;
  const auto dataset = document.find("dataset");
  return dataset != document.end() && dataset->is_object() && dataset->contains("dimension");
}

ScbTable ParseJsonStat(const nlohmann::json& document, const std::string& file) {
  const Layout layout = LayoutOf(document, file);
  ScbTable table;
  table.file = file;
  if (const auto extension = layout.dataset.Find("extension")) {
    if (const auto px = extension->Find("px")) {
      if (const auto id = px->Find("tableid")) table.table_id = id->String();
    }
  }
  const JsonAt ids = layout.header["id"];
  const JsonAt sizes = layout.header["size"];
  if (sizes.ArraySize() != ids.ArraySize()) {
    sizes.Fail(
        fmt::format("{} {}", ids.ArraySize(), Tr("storlekar (en per id)", "sizes (one per id)")),
        fmt::format("{} sizes (one per id)", ids.ArraySize()));
  }
  // Roles: what the dataset says, else SCB's ids (SCB sends no geo role).
  std::map<std::string, ScbRole> roles;
  if (const auto role = layout.header.Find("role")) {
    for (const auto& [name, role_of] :
         {std::pair{"geo", ScbRole::kArea}, std::pair{"time", ScbRole::kTime},
          std::pair{"metric", ScbRole::kContent}}) {
      if (const auto listed = role->Find(name)) {
        for (std::size_t i = 0; i < listed->ArraySize(); ++i)
          roles[listed->At(i).String()] = role_of;
      }
    }
  }
  const JsonAt dimensions = layout.dataset["dimension"];
  std::size_t cells = 1;
  for (std::size_t d = 0; d < ids.ArraySize(); ++d) {
    ScbVariable variable;
    variable.id = ids.At(d).String();
    const JsonAt dimension = dimensions[variable.id];
    if (const auto label = dimension.Find("label")) variable.label = label->String();
    const auto role = roles.find(variable.id);
    variable.role = role != roles.end() ? role->second : ScbRoleOfId(variable.id);
    const std::size_t size = sizes.At(d).Index();
    ReadCategories(dimension, size, variable);
    // The sizes are bounded by the categories in the file, their product is not.
    if (__builtin_mul_overflow(cells, size, &cells)) {
      sizes.Fail("storlekar vars produkt går att räkna med", "sizes whose product can be counted");
    }
    table.variables.push_back(std::move(variable));
  }

  // Statuses by flat index.
  std::map<std::size_t, std::string> status_of;
  std::string status_of_all;
  if (const auto status = layout.dataset.Find("status")) {
    if (status->value().is_string()) {
      status_of_all = status->String();
    } else if (status->value().is_array()) {
      for (std::size_t i = 0; i < status->ArraySize(); ++i) {
        const JsonAt at = status->At(i);
        if (!at.IsNull()) status_of[FlatIndex(std::to_string(i), cells, at)] = at.String();
      }
    } else {
      for (const auto& [key, text] : status->value().items()) {
        const JsonAt at = status->Child(key);
        status_of[FlatIndex(key, cells, at)] = at.String();
      }
    }
  }
  const auto add = [&](std::size_t flat, std::optional<double> value) {
    ScbObservation observation;
    observation.positions.resize(table.variables.size());
    std::size_t rest = flat;
    for (std::size_t d = table.variables.size(); d-- > 0;) {
      const std::size_t size = table.variables[d].codes.size();
      observation.positions[d] = static_cast<std::uint32_t>(rest % size);
      rest /= size;
    }
    observation.value = value;
    const auto status = status_of.find(flat);
    observation.status = status != status_of.end() ? status->second : status_of_all;
    table.observations.push_back(std::move(observation));
  };
  const JsonAt values = layout.dataset["value"];
  if (values.value().is_array()) {
    const std::size_t count = values.ArraySize();
    // A metadata response: the table's shape without its values.
    if (count == 0) return table;
    if (count != cells) {
      values.Fail(fmt::format("{} {}", cells,
                              Tr("värden (produkten av size)", "values (the product of size)")),
                  fmt::format("{} values (the product of size)", cells));
    }
    table.observations.reserve(count);
    for (std::size_t i = 0; i < count; ++i) add(i, CellValue(values.At(i)));
  } else {
    std::map<std::size_t, std::optional<double>> sparse;
    for (const auto& [key, value] : values.value().items()) {
      const JsonAt at = values.Child(key);
      sparse[FlatIndex(key, cells, at)] = CellValue(at);
    }
    for (const auto& [flat, value] : sparse) add(flat, value);
  }
  return table;
}

}  // namespace jamlik::published
