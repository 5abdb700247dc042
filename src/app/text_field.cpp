#include "app/text_field.hpp"

#include <fmt/format.h>

#include <ctime>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"

namespace jamlik::app {

void CheckName(const std::string& text, const char* field, std::size_t max_characters) {
  if (!IsValidUtf8(text)) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(Tr("texten är inte giltig UTF-8", "the text is not valid UTF-8")), {},
                field);
  }
  if (text.empty() || Utf8Length(text) > max_characters) {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("får inte vara tom och högst {} tecken lång",
                                            "must not be empty and at most {} characters long")),
                            max_characters),
                {}, field);
  }
}

std::size_t RepairStoredNames(store::Store& store) {
  constexpr const char* kTask = "repair_utf8_names";
  struct Columns {
    const char* table;
    std::vector<const char*> columns;
  };
  const Columns kStored[] = {{"datasets", {"name", "file_name"}},
                             {"analyses", {"name"}},
                             {"organisations", {"name"}},
                             {"users", {"name"}},
                             {"audit_log", {"user_name", "table_name", "dataset"}}};
  auto connection = store.Acquire();
  store::Transaction transaction(*connection);
  if (!connection->Query("SELECT task FROM maintenance WHERE task = $1", {kTask}).empty()) {
    return 0;
  }
  std::size_t repaired = 0;
  for (const Columns& stored : kStored) {
    for (const char* column : stored.columns) {
      for (const auto& row :
           connection->Query(fmt::format("SELECT id, {} FROM {}", column, stored.table))) {
        if (IsValidUtf8(row.Text(1))) continue;
        connection->Query(fmt::format("UPDATE {} SET {} = $1 WHERE id = $2", stored.table, column),
                          {RepairUtf8(row.Text(1)), row.Int(0)});
        ++repaired;
      }
    }
  }
  connection->Query("INSERT INTO maintenance (task, done_at) VALUES ($1, $2)",
                    {kTask, static_cast<std::int64_t>(std::time(nullptr))});
  transaction.Commit();
  return repaired;
}

}  // namespace jamlik::app
