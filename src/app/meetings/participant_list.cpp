#include "app/meetings/participant_list.hpp"

#include <fmt/format.h>

#include <array>

#include "core/swedish_time.hpp"

namespace jamlik::app {
namespace {

// The columns' headers, declared once in both languages.
enum class ParticipantColumn { kName, kOrganisation, kEmail, kNeeds, kStatus, kWaiting, kAt };
struct HeaderText {
  std::string_view sv;
  std::string_view en;
};
constexpr std::array<HeaderText, 7> kHeaders{{
    {"Namn", "Name"},
    {"Organisation", "Organisation"},
    {"E-post", "E-mail"},
    {"Behov", "Needs"},
    {"Status", "Status"},
    {"Plats i kön", "Waiting position"},
    {"Anmäld (svensk tid)", "Registered at (Swedish time)"},
}};

std::string Header(ParticipantColumn column, Language language) {
  const HeaderText& text = kHeaders[static_cast<std::size_t>(column)];
  return std::string(language == Language::kSwedish ? text.sv : text.en);
}

// "2026-12-04 13:05": sorts as text, and Excel in either language reads it.
std::string SwedishTimestamp(std::int64_t seconds_since_epoch) {
  const CivilTime time = SwedishTime(seconds_since_epoch);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", time.year, time.month, time.day, time.hour,
                     time.minute);
}

}  // namespace

Table ParticipantTable(const std::vector<Registration>& registrations, Language language) {
  const std::size_t rows = registrations.size();
  std::vector<std::string> names, organisations, emails, needs, statuses, times;
  std::vector<std::int64_t> positions;
  Validity waiting = Validity::AllValid(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    const Registration& registration = registrations[row];
    names.push_back(registration.registrant.name);
    organisations.push_back(registration.registrant.organisation);
    emails.push_back(registration.registrant.email);
    needs.push_back(registration.registrant.needs);
    statuses.emplace_back(EnumLabel(registration.status, language));
    positions.push_back(registration.waiting_position);
    if (registration.status != RegistrationStatus::kWaiting) waiting.Clear(row);
    times.push_back(SwedishTimestamp(registration.created_at));
  }
  using C = ParticipantColumn;
  std::vector<Column> columns;
  columns.push_back(Column::String(Header(C::kName, language), std::move(names)));
  columns.push_back(Column::String(Header(C::kOrganisation, language), std::move(organisations)));
  columns.push_back(Column::String(Header(C::kEmail, language), std::move(emails)));
  columns.push_back(Column::String(Header(C::kNeeds, language), std::move(needs)));
  columns.push_back(Column::String(Header(C::kStatus, language), std::move(statuses)));
  columns.push_back(
      Column::Int64(Header(C::kWaiting, language), std::move(positions), std::move(waiting)));
  columns.push_back(Column::String(Header(C::kAt, language), std::move(times)));
  return Table(std::move(columns));
}

}  // namespace jamlik::app
