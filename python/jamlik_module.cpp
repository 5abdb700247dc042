// The Python door (`import jamlik`): pybind11 bindings over the pipeline facade
// (src/pipeline/pipeline.hpp), never over the engine's pieces. Tables cross as an opaque handle
// whose columns the package (jamlik/__init__.py) turns into pandas columns and back, as NumPy
// arrays: numbers as int64 or float64 with a mask of nulls, categories as codes (-1 for null).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/table.hpp"
#include "pipeline/pipeline.hpp"

namespace py = pybind11;

namespace jamlik::python {
namespace {

using Int64Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using DoubleArray = py::array_t<double, py::array::c_style | py::array::forcecast>;
using BoolArray = py::array_t<bool, py::array::c_style | py::array::forcecast>;

// A validity bitmap from a mask of nulls (None or an empty mask: no nulls).
Validity ValidityFromMask(const std::optional<BoolArray>& nulls, std::size_t rows,
                          const std::string& column) {
  if (!nulls || nulls->size() == 0) return {};
  if (static_cast<std::size_t>(nulls->size()) != rows) {
    throw Error(ErrorCode::kInvalidArgument,
                "column '" + column + "': the mask of nulls has another length than the values");
  }
  Validity validity = Validity::AllValid(rows);
  const bool* null = nulls->data();
  for (std::size_t row = 0; row < rows; ++row) {
    if (null[row]) validity.Clear(row);
  }
  return validity;
}

Column Int64Column(const std::string& name, const Int64Array& values,
                   const std::optional<BoolArray>& nulls) {
  std::vector<std::int64_t> data(values.data(), values.data() + values.size());
  return Column::Int64(name, std::move(data), ValidityFromMask(nulls, data.size(), name));
}

Column DoubleColumn(const std::string& name, const DoubleArray& values,
                    const std::optional<BoolArray>& nulls) {
  std::vector<double> data(values.data(), values.data() + values.size());
  return Column::Double(name, std::move(data), ValidityFromMask(nulls, data.size(), name));
}

// Codes index `categories`; -1 is null.
Column CategoricalColumn(const std::string& name, std::vector<std::string> categories,
                         const Int64Array& codes, bool ordered) {
  const auto rows = static_cast<std::size_t>(codes.size());
  const std::size_t count = categories.size();
  CategoryCodes narrow = MakeCategoryCodes(count, rows);
  Validity validity;
  const std::int64_t* code = codes.data();
  std::visit(
      [&](auto& out) {
        using Code = typename std::decay_t<decltype(out)>::value_type;
        for (std::size_t row = 0; row < rows; ++row) {
          if (code[row] < 0) {
            if (validity.empty()) validity = Validity::AllValid(rows);
            validity.Clear(row);
          } else if (static_cast<std::size_t>(code[row]) >= count) {
            throw Error(ErrorCode::kInvalidArgument,
                        "column '" + name + "': category code " + std::to_string(code[row]) +
                            " beyond its " + std::to_string(count) + " categories");
          } else {
            out[row] = static_cast<Code>(code[row]);
          }
        }
      },
      narrow);
  return Column::Categorical(name, Dictionary(std::move(categories), ordered), std::move(narrow),
                             std::move(validity));
}

// One column as the package hands it back: (name, kind, values, nulls-or-categories, ordered).
py::tuple ColumnToPython(const Column& column) {
  const std::size_t rows = column.size();
  BoolArray nulls(static_cast<py::ssize_t>(rows));
  bool* null = nulls.mutable_data();
  for (std::size_t row = 0; row < rows; ++row) null[row] = column.IsNull(row);
  switch (column.type()) {
    case ColumnType::kInt64: {
      const auto& values = column.int64s();
      return py::make_tuple(column.name(), "int64",
                            Int64Array(static_cast<py::ssize_t>(rows), values.data()), nulls,
                            false);
    }
    case ColumnType::kDouble: {
      const auto& values = column.doubles();
      return py::make_tuple(column.name(), "double",
                            DoubleArray(static_cast<py::ssize_t>(rows), values.data()), nulls,
                            false);
    }
    case ColumnType::kCategorical: {
      const CategoricalData& data = column.categorical();
      Int64Array codes(static_cast<py::ssize_t>(rows));
      std::int64_t* code = codes.mutable_data();
      for (std::size_t row = 0; row < rows; ++row) {
        code[row] = column.IsNull(row) ? -1 : static_cast<std::int64_t>(data.CodeAt(row));
      }
      return py::make_tuple(column.name(), "categorical", codes, data.dictionary.categories(),
                            data.dictionary.ordered());
    }
    case ColumnType::kString: {
      py::list values(rows);
      for (std::size_t row = 0; row < rows; ++row) {
        values[row] = column.IsNull(row) ? py::object(py::none())
                                         : py::object(py::str(column.strings()[row]));
      }
      return py::make_tuple(column.name(), "string", values, nulls, false);
    }
  }
  throw Error(ErrorCode::kInternal, "column '" + column.name() + "' of an unknown type");
}

std::vector<std::string> ColumnNames(const Table& table) {
  std::vector<std::string> names;
  for (const auto& column : table.columns()) names.push_back(column.name());
  return names;
}

}  // namespace
}  // namespace jamlik::python

PYBIND11_MODULE(_jamlik, m) {
  using namespace jamlik;
  using namespace jamlik::python;
  m.doc() = "Jämlik's engine through its pipeline facade (src/pipeline); use the jamlik package.";

  // jamlik::Error → jamlik.Error (a ValueError) with the CLI's one-line message.
  auto error = py::register_exception<Error>(m, "Error", PyExc_ValueError);
  error.attr("__doc__") =
      "An error of Jämlik's engine: what failed and where (file:line:column, the key or column), "
      "with the message the jamlik command prints.";
  error.attr("__module__") = "jamlik";

  py::class_<Table>(m, "Table",
                    "A table held by the engine (read_csv's result); len() rows, .columns names.")
      .def_property_readonly("columns", &ColumnNames, "The column names, in order.")
      .def("__len__", &Table::num_rows)
      .def(
          "column_data",
          [](const Table& table) {
            py::list columns;
            for (const auto& column : table.columns()) columns.append(ColumnToPython(column));
            return columns;
          },
          "Each column as (name, kind, values, nulls or categories, ordered), kind one of int64, "
          "double, categorical, string; NumPy arrays for values, masks and codes (-1 = null).")
      .def("__repr__", [](const Table& table) {
        return "<jamlik.Table " + std::to_string(table.num_rows()) + " rows × " +
               std::to_string(table.num_columns()) + " columns>";
      });

  m.def(
      "read_csv",
      [](const std::string& path, std::optional<std::string> delimiter,
         std::optional<std::string> encoding, const std::map<std::string, std::string>& types,
         bool raw) {
        pipeline::ReadOptions options{.raw = raw};
        if (encoding) {
          if (*encoding == "utf-8") {
            options.csv.encoding = TextEncoding::kUtf8;
          } else if (*encoding == "windows-1252") {
            options.csv.encoding = TextEncoding::kWindows1252;
          } else {
            throw Error(ErrorCode::kUsage,
                        "encoding: utf-8 or windows-1252 (detected when not given), got '" +
                            *encoding + "'");
          }
        }
        for (const auto& [column, type] : types) {
          options.csv.schema.push_back({column, ParseColumnTypeName(type), {}, false});
        }
        options.csv.read_as_text = [](const std::string& column) {
          return "types={'" + column + "': 'text'}";
        };
        if (delimiter) {
          if (*delimiter == "tab") *delimiter = "\t";
          if (delimiter->size() != 1) {
            throw Error(ErrorCode::kUsage,
                        "delimiter: one of , ; or tab, got '" + *delimiter + "'");
          }
          options.csv.delimiter = (*delimiter)[0];
        }
        py::gil_scoped_release unlocked;
        return pipeline::ReadData(path, options);
      },
      py::arg("path"), py::arg("delimiter") = py::none(), py::arg("encoding") = py::none(),
      py::arg("types") = std::map<std::string, std::string>{}, py::arg("raw") = false,
      "Read a CSV file as `jamlik` reads --data, known dimensions applied unless raw. delimiter: "
      "',', ';' or 'tab' (detected when not given); encoding: 'utf-8' or 'windows-1252' "
      "(detected); types: {column: 'int' | 'double' | 'category' | 'text'}, e.g. to read a "
      "column the reader rejects for a typo as text.");

  m.def(
      "table_from_columns",
      [](const py::list& columns, const std::vector<std::string>& declared) {
        std::vector<Column> built;
        for (const auto& item : columns) {
          const auto spec = item.cast<py::tuple>();
          const auto name = spec[0].cast<std::string>();
          const auto kind = spec[1].cast<std::string>();
          if (kind == "int64") {
            built.push_back(Int64Column(name, spec[2].cast<Int64Array>(),
                                        spec[3].cast<std::optional<BoolArray>>()));
          } else if (kind == "double") {
            built.push_back(DoubleColumn(name, spec[2].cast<DoubleArray>(),
                                         spec[3].cast<std::optional<BoolArray>>()));
          } else if (kind == "categorical") {
            built.push_back(CategoricalColumn(name, spec[3].cast<std::vector<std::string>>(),
                                              spec[2].cast<Int64Array>(), spec[4].cast<bool>()));
          } else {
            throw Error(ErrorCode::kTypeMismatch,
                        "column '" + name + "': unknown kind '" + kind + "'", {}, name, kind);
          }
        }
        return pipeline::PrepareData(Table(std::move(built)), declared);
      },
      py::arg("columns"), py::arg("declared") = std::vector<std::string>{},
      "Build a table from (name, kind, values, nulls or categories, ordered) columns and apply "
      "the known-dimension catalogue, leaving the `declared` columns as they are.");

  m.def(
      "indicators",
      [](const Table& data, const std::string& spec, bool spec_is_text,
         const std::string& dataset_path, const std::string& dataset_label, bool unsuppressed,
         const std::string& rules_path, const std::string& audit_path) {
        py::gil_scoped_release unlocked;
        const pipeline::Definitions definitions = spec_is_text
                                                      ? pipeline::ParseDefinitions(spec, "<spec>")
                                                      : pipeline::ReadDefinitions(spec);
        ReleaseRequest request;
        request.dataset_path = dataset_path;
        request.dataset_label = dataset_label;
        request.rules_path = rules_path;
        request.audit_path = audit_path;
        request.unsuppressed = unsuppressed;
        const PublishedResults published =
            pipeline::ComputeAndRelease(data, definitions, std::move(request));
        return std::make_pair(pipeline::ResultTable(published), published.disclosure_controlled());
      },
      py::arg("data"), py::arg("spec"), py::arg("spec_is_text"), py::arg("dataset_path"),
      py::arg("dataset_label"), py::arg("unsuppressed"), py::arg("rules_path"),
      py::arg("audit_path"),
      "Compute and release the indicators of a spec (a TOML file, or TOML text when "
      "spec_is_text) on a table; returns (results table, disclosure controlled?).");

  m.def(
      "inequality",
      [](const Table& results, const std::string& measures, double confidence, int draws,
         std::uint64_t seed, bool force, bool include_total, bool crossed) {
        inequality::InequalityOptions options{.measures = inequality::ParseMeasureList(measures)};
        options.measure.confidence = confidence;
        options.measure.simulation_draws = draws;
        options.measure.seed = seed;
        options.measure.force = force;
        options.read = {.include_total = include_total, .include_crossed = crossed};
        py::gil_scoped_release unlocked;
        return pipeline::Measures(results, options);
      },
      py::arg("results"), py::arg("measures"), py::arg("confidence"), py::arg("draws"),
      py::arg("seed"), py::arg("force"), py::arg("include_total"), py::arg("crossed"),
      "Inequality measures over a result table, as `jamlik inequality` computes them.");

  m.def(
      "distribution",
      [](const Table& data, const std::string& value, const std::string& weight,
         const std::vector<std::string>& by, const std::string& filter, const std::string& measures,
         const std::string& percentile_method, double confidence, int draws, std::uint64_t seed,
         const std::string& dataset_path, const std::string& dataset_label, bool unsuppressed,
         const std::string& rules_path, const std::string& audit_path) {
        pipeline::DistributionRequest request{
            .value = value, .weight = weight, .by = by, .filter = filter, .filter_name = "filter"};
        request.measures = pipeline::ParseDistributionMeasures(measures);
        const auto method = inequality::ParsePercentileMethod(percentile_method);
        if (!method) {
          throw Error(ErrorCode::kUsage,
                      "percentile_method: eurostat or split, got '" + percentile_method + "'");
        }
        request.options.percentile_method = *method;
        request.options.confidence = confidence;
        request.options.bootstrap_draws = draws;
        request.options.seed = seed;
        ReleaseRequest release;
        release.dataset_path = dataset_path;
        release.dataset_label = dataset_label;
        release.rules_path = rules_path;
        release.audit_path = audit_path;
        release.unsuppressed = unsuppressed;
        py::gil_scoped_release unlocked;
        const ReleasedSummary released =
            pipeline::DistributionAndRelease(data, request, std::move(release));
        return std::make_pair(released.table(), released.disclosure_controlled());
      },
      py::arg("data"), py::arg("value"), py::arg("weight"), py::arg("by"), py::arg("filter"),
      py::arg("measures"), py::arg("percentile_method"), py::arg("confidence"), py::arg("draws"),
      py::arg("seed"), py::arg("dataset_path"), py::arg("dataset_label"), py::arg("unsuppressed"),
      py::arg("rules_path"), py::arg("audit_path"),
      "Distribution measures per group, released as `jamlik distribution` releases them; returns "
      "(table, disclosure controlled?).");

  // Published statistics into the long result table, through the importers the CLI's `jamlik
  // import` uses (src/published); each returns (result table, the import's notes).
  m.def(
      "import_kolada",
      [](const std::vector<std::string>& pages, const std::string& kpis,
         const std::string& groups) {
        py::gil_scoped_release unlocked;
        const published::KoladaImport imported =
            pipeline::ImportKolada({.pages = pages, .kpis = kpis, .groups = groups});
        return std::make_pair(pipeline::ImportedTable(imported.results), imported.results.notes);
      },
      py::arg("pages"), py::arg("kpis"), py::arg("groups"),
      "Import Kolada API v3 data pages (one response's pages), with optional KPI metadata and "
      "municipality groups ('' for none); returns (results table, notes).");
  m.def(
      "import_scb",
      [](const std::string& path) {
        py::gil_scoped_release unlocked;
        const published::ImportedResults imported = pipeline::ImportScb(path);
        return std::make_pair(pipeline::ImportedTable(imported), imported.notes);
      },
      py::arg("path"),
      "Import an SCB PxWeb response (API v2 JSON-stat 2.0, API v1 json or json-stat); returns "
      "(results table, notes).");
  m.def(
      "import_heat",
      [](const std::string& path) {
        py::gil_scoped_release unlocked;
        const published::ImportedResults imported = pipeline::ImportHeatPlus(path);
        return std::make_pair(pipeline::ImportedTable(imported), imported.notes);
      },
      py::arg("path"),
      "Import a WHO HEAT Plus template (CSV or xlsx); returns (results table, notes).");

  m.def("measures", &pipeline::MeasureRegistryTable,
        "The registry of inequality measures, as `jamlik measures --format csv` lists it.");

  m.def(
      "unsuppressed_warning", [] { return std::string(UnsuppressedWarning()); },
      "The warning shown with results released without disclosure control.");

  m.def(
      "measure_defaults",
      [] {
        const inequality::MeasureOptions defaults;
        py::dict out;
        out["confidence"] = defaults.confidence;
        out["draws"] = defaults.simulation_draws;
        out["seed"] = defaults.seed;
        out["bootstrap_draws"] = defaults.bootstrap_draws;
        out["distribution_measures"] = std::string(pipeline::kDefaultDistributionMeasures);
        return out;
      },
      "The inequality measures' default confidence, simulation draws and seed.");
}
