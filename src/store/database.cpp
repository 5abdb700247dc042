#include "store/database.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <system_error>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "store/connections_internal.hpp"

namespace jamlik::store {
namespace {

[[noreturn]] void WrongType(std::size_t index, const char* wanted) {
  throw Error(ErrorCode::kInternal, fmt::format("store: column {} is not {}", index, wanted));
}

bool IsPostgresUrl(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

bool Row::IsNull(std::size_t index) const {
  return std::holds_alternative<std::monostate>(values_.at(index));
}

std::int64_t Row::Int(std::size_t index) const {
  const Value& value = values_.at(index);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  WrongType(index, "an integer");
}

double Row::Double(std::size_t index) const {
  const Value& value = values_.at(index);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  WrongType(index, "a number");
}

const std::string& Row::Text(std::size_t index) const {
  if (const auto* text = std::get_if<std::string>(&values_.at(index))) return *text;
  WrongType(index, "text");
}

std::optional<std::int64_t> Row::OptionalInt(std::size_t index) const {
  return IsNull(index) ? std::nullopt : std::optional(Int(index));
}

std::optional<double> Row::OptionalDouble(std::size_t index) const {
  return IsNull(index) ? std::nullopt : std::optional(Double(index));
}

std::string Row::OptionalText(std::size_t index) const {
  return IsNull(index) ? std::string() : Text(index);
}

Transaction::Transaction(Connection& connection) : connection_(connection) { connection.Begin(); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.Rollback();
  } catch (const Error&) {
    // The connection is already broken; the server rolls the transaction back itself.
  }
}

void Transaction::Commit() {
  connection_.Commit();
  done_ = true;
}

Store::Lease::Lease(Store& store, std::unique_ptr<Connection> connection)
    : store_(&store), connection_(std::move(connection)) {}

Store::Lease::~Lease() {
  if (connection_) store_->Return(std::move(connection_));
}

struct Store::PendingAppend {
  std::string sql;
  Params params;
  std::promise<void> committed;
};

Store::Store(StoreConfig config, std::vector<std::unique_ptr<Connection>> connections,
             std::unique_ptr<Connection> appender)
    : dialect_(connections.front()->dialect()),
      description_(IsPostgresUrl(config.database_url)
                       ? internal::RedactUrl(config.database_url)
                       : "sqlite:" +
                             (std::filesystem::path(config.data_dir) / "jamlik.sqlite3").string()),
      size_(connections.size()),
      idle_(std::move(connections)),
      appender_(std::move(appender)),
      append_thread_([this] { WriteAppends(); }),
      checkpoint_thread_([this] { CheckpointPeriodically(); }) {}

Store::~Store() {
  {
    std::lock_guard lock(append_mutex_);
    stopping_ = true;
  }
  appended_.notify_all();
  append_thread_.join();
  checkpoint_thread_.join();
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return idle_.size() == size_; });
}

void Store::AppendCommitted(std::string sql, Params params) {
  auto pending = std::make_unique<PendingAppend>();
  pending->sql = std::move(sql);
  pending->params = std::move(params);
  std::future<void> committed = pending->committed.get_future();
  {
    std::lock_guard lock(append_mutex_);
    pending_.push_back(std::move(pending));
  }
  appended_.notify_all();
  committed.get();
}

// SQLite would otherwise checkpoint inside whichever commit fills the log past its limit: that
// commit (most often the audit log's group commit, which views wait for) then also copies pages
// and syncs the database file. Here it happens beside the commits, every second.
void Store::CheckpointPeriodically() {
  if (dialect_ != Dialect::kSqlite) return;
  for (;;) {
    {
      std::unique_lock lock(append_mutex_);
      if (appended_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) return;
    }
    try {
      Acquire()->Checkpoint();
    } catch (const Error&) {
      // A busy database is checkpointed next time; the log only grows meanwhile.
    }
  }
}

void Store::WriteAppends() {
  for (;;) {
    std::vector<std::unique_ptr<PendingAppend>> batch;
    {
      std::unique_lock lock(append_mutex_);
      appended_.wait(lock, [this] { return !pending_.empty() || stopping_; });
      if (pending_.empty()) return;  // stopping, and everything queued is written
      batch.swap(pending_);
    }
    // The writer's own connection, else a borrowed one (a Store built without an appender).
    std::optional<Lease> lease;
    if (!appender_) lease.emplace(Acquire());
    Connection& connection = appender_ ? *appender_ : **lease;
    try {
      Transaction transaction(connection);
      for (const auto& pending : batch) connection.Query(pending->sql, pending->params);
      transaction.Commit();
      for (const auto& pending : batch) pending->committed.set_value();
    } catch (...) {
      // One bad row must not fail the others: write each alone, and give each its own outcome.
      for (const auto& pending : batch) {
        try {
          Transaction transaction(connection);
          connection.Query(pending->sql, pending->params);
          transaction.Commit();
          pending->committed.set_value();
        } catch (...) {
          pending->committed.set_exception(std::current_exception());
        }
      }
    }
  }
}

Store::Lease Store::Acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<Connection> connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void Store::Return(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_all();
}

std::unique_ptr<Store> OpenStore(const StoreConfig& config) {
  const std::size_t size = std::max<std::size_t>(config.connections, 1);
  std::vector<std::unique_ptr<Connection>> connections;
  if (IsPostgresUrl(config.database_url)) {
    for (std::size_t i = 0; i <= size; ++i) {
      connections.push_back(internal::OpenPostgres(config.database_url, config.schema));
    }
  } else {
    if (!config.database_url.empty()) {
      throw Error(ErrorCode::kUsage,
                  std::string(Tr("JAMLIK_DATABASE_URL ska börja med postgresql://",
                                 "JAMLIK_DATABASE_URL must start with postgresql://")));
    }
    std::error_code error;
    std::filesystem::create_directories(config.data_dir, error);
    if (error) {
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("kan inte skapa datamappen: {}",
                                              "cannot create the data folder: {}")),
                              error.message()),
                  {config.data_dir});
    }
    const std::string path = (std::filesystem::path(config.data_dir) / "jamlik.sqlite3").string();
    for (std::size_t i = 0; i <= size; ++i)
      connections.push_back(internal::OpenSqlite(path, config.durable_commits));
  }
  internal::Migrate(*connections.front(), config.modules);
  // One connection more than the pool: the group-commit writer's.
  std::unique_ptr<Connection> appender = std::move(connections.back());
  connections.pop_back();
  return std::make_unique<Store>(config, std::move(connections), std::move(appender));
}

}  // namespace jamlik::store
