// PostgreSQL backend through libpq: parameters travel separately from the SQL text (never
// interpolated), integers and doubles with their types so that comparisons with bigint columns
// work, text as "unknown" so the server infers it from the context.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <regex>
#include <string>
#include <unordered_map>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "store/connections_internal.hpp"

namespace jamlik::store::internal {
namespace {

// Type OIDs from PostgreSQL's pg_type.dat; stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Parameters in libpq's text form, kept alive while a statement runs.
struct Bound {
  std::vector<std::string> texts;
  std::vector<const char*> values;
  std::vector<Oid> types;

  explicit Bound(const Params& params) {
    texts.resize(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& value = params[i];
      Oid type = 0;
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        texts[i] = std::to_string(*integer);
        type = kInt8Oid;
      } else if (const auto* real = std::get_if<double>(&value)) {
        texts[i] = fmt::format("{}", *real);
        type = kFloat8Oid;
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        texts[i] = *text;
      }
      types.push_back(type);
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      values.push_back(std::holds_alternative<std::monostate>(params[i]) ? nullptr
                                                                         : texts[i].c_str());
    }
  }
};

Value Cell(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return std::monostate{};
  const char* text = PQgetvalue(result, row, column);
  switch (PQftype(result, column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
      return static_cast<std::int64_t>(std::stoll(text));
    case kBoolOid:
      return static_cast<std::int64_t>(text[0] == 't' ? 1 : 0);
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return std::stod(text);
    default:
      return std::string(text, PQgetlength(result, row, column));
  }
}

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(const std::string& url, const std::string& schema)
      : connection_(PQconnectdb(url.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK) {
      const std::string reason = PQerrorMessage(connection_);
      PQfinish(connection_);
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("kan inte ansluta till databasen: {}",
                                              "cannot connect to the database: {}")),
                              reason.substr(0, reason.find('\n'))),
                  {RedactUrl(url)});
    }
    // Notices such as "relation already exists, skipping" are not for the user's terminal.
    PQsetNoticeProcessor(
        connection_, [](void*, const char*) {}, nullptr);
    if (!schema.empty()) {
      // Identifiers cannot be parameters; the name is checked to be a plain identifier instead.
      if (!std::regex_match(schema, std::regex("[a-z_][a-z0-9_]{0,62}"))) {
        throw Error(ErrorCode::kInvalidArgument, "PostgreSQL schema: " + schema);
      }
      ExecuteScript(fmt::format("CREATE SCHEMA IF NOT EXISTS {0}; SET search_path TO {0}", schema));
    }
  }
  ~PostgresConnection() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Rows Query(std::string_view sql, const Params& params) override {
    const Bound bound(params);
    const std::string& name = Prepared(sql, bound);
    ResultPtr result(PQexecPrepared(connection_, name.c_str(), static_cast<int>(params.size()),
                                    bound.values.data(), nullptr, nullptr, 0),
                     &PQclear);
    Check(result.get(), sql);
    Rows rows;
    const int count = PQntuples(result.get());
    const int fields = PQnfields(result.get());
    rows.reserve(count);
    for (int r = 0; r < count; ++r) {
      std::vector<Value> values;
      values.reserve(fields);
      for (int c = 0; c < fields; ++c) values.push_back(Cell(result.get(), r, c));
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  void ExecuteMany(std::string_view sql, const std::vector<Params>& rows) override {
    if (rows.empty()) return;
    const std::string& name = Prepared(sql, Bound(rows.front()));
    for (const auto& params : rows) {
      const Bound bound(params);
      ResultPtr result(PQexecPrepared(connection_, name.c_str(), static_cast<int>(params.size()),
                                      bound.values.data(), nullptr, nullptr, 0),
                       &PQclear);
      Check(result.get(), sql);
    }
  }

  void ExecuteScript(std::string_view sql) override {
    ResultPtr result(PQexec(connection_, std::string(sql).c_str()), &PQclear);
    Check(result.get(), sql);
  }

  void Begin() override { ExecuteScript("BEGIN"); }
  void Commit() override { ExecuteScript("COMMIT"); }
  void Rollback() override { ExecuteScript("ROLLBACK"); }

 private:
  // Parse and plan each statement once per connection, not once per request: the server runs a
  // fixed set of SQL texts. Keyed by the text and the parameters' types, which the statement is
  // prepared with (a null parameter's type is inferred, so it gets its own entry).
  const std::string& Prepared(std::string_view sql, const Bound& bound) {
    std::string key(sql);
    for (const Oid type : bound.types) key += fmt::format("|{}", type);
    auto found = prepared_.find(key);
    if (found != prepared_.end()) return found->second;
    std::string name = fmt::format("jamlik_{}", prepared_.size());
    ResultPtr prepared(PQprepare(connection_, name.c_str(), std::string(sql).c_str(),
                                 static_cast<int>(bound.types.size()), bound.types.data()),
                       &PQclear);
    Check(prepared.get(), sql);
    return prepared_.emplace(std::move(key), std::move(name)).first->second;
  }

  void Check(const PGresult* result, std::string_view sql) const {
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string reason = result ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
    throw Error(
        ErrorCode::kInternal,
        fmt::format("PostgreSQL: {} ({})", reason.substr(0, reason.find('\n')), sql.substr(0, 80)));
  }

  PGconn* connection_;
  std::unordered_map<std::string, std::string> prepared_;  // key → statement name
};

}  // namespace

std::unique_ptr<Connection> OpenPostgres(const std::string& url, const std::string& schema) {
  return std::make_unique<PostgresConnection>(url, schema);
}

std::string RedactUrl(const std::string& url) {
  // postgresql://user:secret@host → postgresql://user@host
  return std::regex_replace(url, std::regex("(://[^:/@]*):[^@]*@"), "$1@");
}

}  // namespace jamlik::store::internal
