#include "app/examples/examples.hpp"

#include <array>
#include <filesystem>
#include <fstream>

#include "app/accounts/accounts.hpp"
#include "app/accounts/credentials.hpp"
#include "app/analyses/analyses.hpp"
#include "app/text_field.hpp"
#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"
#include "io/html_sanitiser.hpp"

namespace jamlik {
namespace {

using app::WelfareArea;
constexpr std::array<EnumEntry<WelfareArea>, 8> kWelfareAreas{{
    {WelfareArea::kPreschoolAndSchool, "school", "Förskola och skola", "Preschool and school"},
    {WelfareArea::kSocialServices, "social_services", "Socialtjänst", "Social services"},
    {WelfareArea::kElderlyCare, "elderly_care", "Äldreomsorg", "Care of older people"},
    {WelfareArea::kHealthCare, "health_care", "Hälso- och sjukvård", "Health care"},
    {WelfareArea::kWorkAndIncome, "work_income", "Arbete och försörjning", "Work and income"},
    {WelfareArea::kHousingAndPlanning, "housing_planning", "Boende och samhällsplanering",
     "Housing and planning"},
    {WelfareArea::kCultureAndLeisure, "culture_leisure", "Kultur och fritid",
     "Culture and leisure"},
    {WelfareArea::kPublicHealth, "public_health", "Folkhälsa", "Public health"},
}};

}  // namespace

std::span<const EnumEntry<WelfareArea>> EnumTable<WelfareArea>::Entries() { return kWelfareAreas; }

namespace app {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void Invalid(const char* field, std::string_view swedish, std::string_view english) {
  throw Error(ErrorCode::kInvalidArgument, std::string(Tr(swedish, english)), {}, field);
}

void CheckOptional(const std::string& text, const char* field) {
  if (!text.empty()) CheckName(text, field, kMaxExampleTextCharacters);
}

std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string::npos ? text.size() : comma;
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string AreaIds(const std::vector<WelfareArea>& areas) {
  std::vector<std::string> ids;
  for (const auto& entry : EnumTable<WelfareArea>::Entries()) {
    for (const WelfareArea area : areas) {
      if (area == entry.value) {
        ids.emplace_back(entry.id);
        break;
      }
    }
  }
  return Joined(ids);
}

bool IsGroupDimension(std::string_view id) {
  const DimensionInfo* dimension = FindDimension(id);
  return dimension != nullptr && dimension->kind == DimensionKind::kGroup;
}

// The draft checked, its rich text sanitised, its e-mail normalised.
ExampleDraft Checked(store::Store& store, std::int64_t organisation, const ExampleDraft& draft) {
  ExampleDraft safe = draft;
  CheckName(draft.title, "title");
  CheckName(draft.what, "what", kMaxExampleTextCharacters);
  CheckOptional(draft.for_whom, "for_whom");
  CheckOptional(draft.results, "results");
  CheckOptional(draft.evidence, "evidence");
  CheckName(draft.contact_name, "contact_name");
  try {
    safe.contact_email = CheckedEmail(draft.contact_email);
  } catch (const Error&) {
    Invalid("contact_email", "ogiltig e-postadress", "not a valid e-mail address");
  }
  for (const std::string& group : draft.groups) {
    if (!IsGroupDimension(group)) {
      throw Error(ErrorCode::kInvalidArgument, std::string(Tr("okänd grupp", "unknown group")), {},
                  "groups", group);
    }
  }
  if (draft.analysis_id && !FindAnalysis(store, organisation, *draft.analysis_id)) {
    Invalid("analysis_id", "analysen finns inte i den egna organisationen",
            "the analysis is not one of the organisation's own");
  }
  safe.what = SanitiseHtml(draft.what);
  safe.results = SanitiseHtml(draft.results);
  return safe;
}

// What full-text search sees: every text of the example, the rich text without its tags.
std::string SearchText(const ExampleDraft& draft, const std::string& organisation_name) {
  return draft.title + "\n" + HtmlToText(draft.what) + "\n" + draft.for_whom + "\n" +
         HtmlToText(draft.results) + "\n" + draft.evidence + "\n" + organisation_name;
}

constexpr const char* kExampleColumns =
    "e.id, e.organisation_id, o.name, e.title, e.what, e.for_whom, e.results, e.evidence, "
    "e.analysis_id, e.contact_name, e.contact_email, e.recommendations, e.welfare_areas, "
    "e.group_dimensions, e.hidden, e.created_at, e.updated_at";

Example ExampleFrom(const store::Row& row) {
  Example example;
  example.id = row.Int(0);
  example.organisation_id = row.Int(1);
  example.organisation_name = row.Text(2);
  example.title = row.Text(3);
  example.what = row.Text(4);
  example.for_whom = row.Text(5);
  example.results = row.Text(6);
  example.evidence = row.Text(7);
  example.analysis_id = row.OptionalInt(8);
  example.contact_name = row.Text(9);
  example.contact_email = row.Text(10);
  example.recommendations = ParseRecommendations(row.Text(11), "recommendations");
  for (const std::string& id : Split(row.Text(12))) {
    if (const auto area = EnumFromId<WelfareArea>(id)) example.welfare_areas.push_back(*area);
  }
  example.groups = Split(row.Text(13));
  example.hidden = row.Int(14) != 0;
  example.created_at = row.Int(15);
  example.updated_at = row.Int(16);
  return example;
}

std::string OrganisationName(store::Connection& connection, std::int64_t organisation) {
  const store::Rows rows =
      connection.Query("SELECT name FROM organisations WHERE id = $1", {organisation});
  return rows.empty() ? std::string() : rows[0].Text(0);
}

}  // namespace

Example CreateExample(store::Store& store, std::int64_t organisation, std::int64_t user,
                      const ExampleDraft& draft, std::int64_t now) {
  const ExampleDraft safe = Checked(store, organisation, draft);
  std::int64_t id = 0;
  {
    auto connection = store.Acquire();
    const std::string name = OrganisationName(*connection, organisation);
    const store::Rows rows = connection->Query(
        "INSERT INTO examples (organisation_id, title, what, for_whom, results, evidence, "
        "analysis_id, contact_name, contact_email, recommendations, welfare_areas, "
        "group_dimensions, hidden, search_text, created_by, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14, $15, $15) "
        "RETURNING id",
        {organisation, safe.title, safe.what, safe.for_whom, safe.results, safe.evidence,
         safe.analysis_id ? store::Value(*safe.analysis_id) : store::Value(), safe.contact_name,
         safe.contact_email, RecommendationIds(safe.recommendations), AreaIds(safe.welfare_areas),
         Joined(safe.groups), SearchText(safe, name), user, now});
    id = rows.at(0).Int(0);
  }
  return *FindExample(store, id);
}

std::optional<Example> UpdateExample(store::Store& store, std::int64_t id,
                                     const ExampleDraft& draft, std::int64_t now) {
  const auto existing = FindExample(store, id);
  if (!existing) return std::nullopt;
  const ExampleDraft safe = Checked(store, existing->organisation_id, draft);
  {
    auto connection = store.Acquire();
    connection->Query(
        "UPDATE examples SET title = $1, what = $2, for_whom = $3, results = $4, evidence = $5, "
        "analysis_id = $6, contact_name = $7, contact_email = $8, recommendations = $9, "
        "welfare_areas = $10, group_dimensions = $11, search_text = $12, updated_at = $13 "
        "WHERE id = $14",
        {safe.title, safe.what, safe.for_whom, safe.results, safe.evidence,
         safe.analysis_id ? store::Value(*safe.analysis_id) : store::Value(), safe.contact_name,
         safe.contact_email, RecommendationIds(safe.recommendations), AreaIds(safe.welfare_areas),
         Joined(safe.groups), SearchText(safe, existing->organisation_name), now, id});
  }
  return FindExample(store, id);
}

std::optional<Example> SetExampleHidden(store::Store& store, std::int64_t id, bool hidden) {
  {
    auto connection = store.Acquire();
    if (connection
            ->Query("UPDATE examples SET hidden = $1 WHERE id = $2 RETURNING id",
                    {std::int64_t{hidden ? 1 : 0}, id})
            .empty()) {
      return std::nullopt;
    }
  }
  return FindExample(store, id);
}

std::optional<Example> FindExample(store::Store& store, std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kExampleColumns +
          " FROM examples e JOIN organisations o ON o.id = e.organisation_id WHERE e.id = $1",
      {id});
  if (rows.empty()) return std::nullopt;
  return ExampleFrom(rows[0]);
}

std::vector<Example> ListExamples(store::Store& store, const ExampleFilter& filter) {
  auto connection = store.Acquire();
  const TextCondition search =
      MatchingEveryWord(connection->dialect(), "examples", "e", filter.query, 1);
  const auto tag = [](std::string_view id) {
    return id.empty() ? std::string() : "%," + std::string(id) + ",%";
  };
  const store::Rows rows = connection->Query(
      std::string("SELECT ") + kExampleColumns +
          " FROM examples e JOIN organisations o ON o.id = e.organisation_id WHERE " + search.sql +
          " AND ($2 = '' OR (',' || e.recommendations || ',') LIKE $2)"
          " AND ($3 = '' OR (',' || e.welfare_areas || ',') LIKE $3)"
          " AND ($4 = '' OR (',' || e.group_dimensions || ',') LIKE $4)"
          " AND ($5 = 0 OR e.organisation_id = $5) AND ($6 = 1 OR e.hidden = 0)"
          " AND e.created_at > $7 ORDER BY e.created_at DESC, e.id DESC LIMIT $8",
      {search.parameter,
       tag(filter.recommendation ? EnumId(*filter.recommendation) : std::string_view()),
       tag(filter.welfare_area ? EnumId(*filter.welfare_area) : std::string_view()),
       tag(IsGroupDimension(filter.group) ? std::string_view(filter.group) : std::string_view()),
       filter.organisation.value_or(0), std::int64_t{filter.include_hidden ? 1 : 0},
       filter.created_after, static_cast<std::int64_t>(filter.limit)});
  std::vector<Example> examples;
  examples.reserve(rows.size());
  for (const store::Row& row : rows) examples.push_back(ExampleFrom(row));
  return examples;
}

// ---- Attachments ----

std::string SniffAttachmentType(std::string_view content) {
  if (content.starts_with("%PDF-")) return "application/pdf";
  if (content.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (content.starts_with("\xff\xd8\xff")) return "image/jpeg";
  return {};
}

namespace {

constexpr const char* kAttachmentColumns =
    "id, example_id, file_name, content_type, bytes, stored_name, created_at, sha256";

Attachment AttachmentFrom(const store::Row& row) {
  Attachment attachment;
  attachment.id = row.Int(0);
  attachment.example_id = row.Int(1);
  attachment.file_name = row.Text(2);
  attachment.content_type = row.Text(3);
  attachment.bytes = row.Int(4);
  attachment.stored_name = row.Text(5);
  attachment.created_at = row.Int(6);
  attachment.sha256 = row.Text(7);
  return attachment;
}

fs::path AttachmentFolder(const std::string& data_dir) {
  return fs::path(data_dir) / "attachments";
}

// The name without any folder part, cut between characters; "bilaga" when nothing is left.
std::string BaseName(const std::string& name) {
  std::string base = fs::path(name).filename().string();
  if (!IsValidUtf8(base)) base = RepairUtf8(base);
  std::string clean;
  for (const char c : base) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) clean += c;
  }
  return clean.empty() ? "bilaga" : TruncateUtf8(clean, kMaxNameCharacters);
}

}  // namespace

std::string AttachmentPath(const std::string& data_dir, const Attachment& attachment) {
  return (AttachmentFolder(data_dir) / attachment.stored_name).string();
}

Attachment AddAttachment(store::Store& store, const std::string& data_dir, std::int64_t example,
                         const std::string& file_name, std::string_view content, std::int64_t now) {
  if (content.empty() || content.size() > kMaxAttachmentBytes) {
    Invalid("file", "filen ska vara 1 byte–10 MiB", "the file must be 1 byte–10 MiB");
  }
  const std::string type = SniffAttachmentType(content);
  if (type.empty()) {
    Invalid("file", "bara PDF, PNG och JPEG tas emot", "only PDF, PNG and JPEG are accepted");
  }
  if (ListAttachments(store, example).size() >= kMaxAttachmentsPerExample) {
    Invalid("file", "högst 10 bilagor per exempel", "at most 10 attachments per example");
  }
  Attachment attachment;
  attachment.example_id = example;
  attachment.file_name = BaseName(file_name);
  attachment.content_type = type;
  attachment.bytes = static_cast<std::int64_t>(content.size());
  attachment.stored_name = RandomHex(16);
  attachment.sha256 = Sha256Hex(content);
  attachment.created_at = now;
  fs::create_directories(AttachmentFolder(data_dir));
  const std::string path = AttachmentPath(data_dir, attachment);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw Error(ErrorCode::kIo, "cannot write " + path);
  }
  try {
    auto connection = store.Acquire();
    attachment.id =
        connection
            ->Query(
                "INSERT INTO example_attachments (example_id, file_name, content_type, bytes, "
                "stored_name, created_at, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                "RETURNING id",
                {example, attachment.file_name, attachment.content_type, attachment.bytes,
                 attachment.stored_name, now, attachment.sha256})
            .at(0)
            .Int(0);
  } catch (...) {
    fs::remove(path);
    throw;
  }
  return attachment;
}

std::vector<Attachment> ListAttachments(store::Store& store, std::int64_t example) {
  auto connection = store.Acquire();
  std::vector<Attachment> attachments;
  for (const store::Row& row :
       connection->Query(std::string("SELECT ") + kAttachmentColumns +
                             " FROM example_attachments WHERE example_id = $1 ORDER BY id",
                         {example})) {
    attachments.push_back(AttachmentFrom(row));
  }
  return attachments;
}

std::optional<Attachment> FindAttachment(store::Store& store, std::int64_t example,
                                         std::int64_t id) {
  auto connection = store.Acquire();
  const store::Rows rows =
      connection->Query(std::string("SELECT ") + kAttachmentColumns +
                            " FROM example_attachments WHERE example_id = $1 AND id = $2",
                        {example, id});
  if (rows.empty()) return std::nullopt;
  return AttachmentFrom(rows[0]);
}

bool RemoveAttachment(store::Store& store, const std::string& data_dir, std::int64_t example,
                      std::int64_t id) {
  const auto attachment = FindAttachment(store, example, id);
  if (!attachment) return false;
  {
    auto connection = store.Acquire();
    connection->Query("DELETE FROM example_attachments WHERE id = $1", {id});
  }
  std::error_code ignored;
  fs::remove(AttachmentPath(data_dir, *attachment), ignored);
  return true;
}

}  // namespace app
}  // namespace jamlik
