#pragma once
// Learning examples (lärande exempel): what a municipality or region did, for whom, and with what
// results and evidence, optionally linked to a Jämlik analysis of its own organisation so that the
// example shows its measured effect; a contact; attachments (PDF, PNG, JPEG). Tagged by
// recommendation, welfare area and group (a known group dimension), and searchable in full text:
// Swedish stemming on both databases (app/full_text.hpp: PostgreSQL's `swedish` configuration,
// SQLite's FTS5 with the store's Snowball-based "swedish" tokenizer).
// Members write their own organisation's examples; coordinators may hide one (moderation).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/full_text.hpp"
#include "app/recommendation.hpp"
#include "core/labelled_enum.hpp"
#include "store/database.hpp"

namespace jamlik::app {

enum class WelfareArea : std::uint8_t {
  kPreschoolAndSchool,
  kSocialServices,
  kElderlyCare,
  kHealthCare,
  kWorkAndIncome,
  kHousingAndPlanning,
  kCultureAndLeisure,
  kPublicHealth,
};

inline constexpr std::size_t kMaxExampleTextCharacters = 20'000;

// What a member writes. `what` and `results` are HTML, sanitised when stored.
struct ExampleDraft {
  std::string title;
  std::string what;      // what was done
  std::string for_whom;  // plain text
  std::string results;   // the results
  std::string evidence;  // plain text: how the results are known (sources, evaluation)
  std::optional<std::int64_t> analysis_id;  // one of the organisation's own analyses
  std::string contact_name;
  std::string contact_email;
  std::vector<Recommendation> recommendations;
  std::vector<WelfareArea> welfare_areas;
  std::vector<std::string> groups;  // group dimensions: kon, utbildning, inkomstkvintil, …
};

struct Example : ExampleDraft {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  bool hidden = false;  // taken down by a coordinator
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Check the draft (texts, e-mail, tags, the analysis belonging to `organisation`), sanitise its
// rich text and store it; throws kInvalidArgument naming the field.
Example CreateExample(store::Store& store, std::int64_t organisation, std::int64_t user,
                      const ExampleDraft& draft, std::int64_t now);
std::optional<Example> UpdateExample(store::Store& store, std::int64_t id,
                                     const ExampleDraft& draft, std::int64_t now);
std::optional<Example> SetExampleHidden(store::Store& store, std::int64_t id, bool hidden);
std::optional<Example> FindExample(store::Store& store, std::int64_t id);

struct ExampleFilter {
  // Words that must all occur, stemmed (app/full_text.hpp); empty: every example.
  std::string query;
  std::optional<Recommendation> recommendation;
  std::optional<WelfareArea> welfare_area;
  std::string group;
  std::optional<std::int64_t> organisation;
  bool include_hidden = false;
  std::int64_t created_after = 0;
  std::size_t limit = 100;
};

// The examples the filter admits, newest first.
std::vector<Example> ListExamples(store::Store& store, const ExampleFilter& filter);

// ---- Attachments ----

inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr std::size_t kMaxAttachmentsPerExample = 10;

struct Attachment {
  std::int64_t id = 0;
  std::int64_t example_id = 0;
  std::string file_name;     // as given, without folders
  std::string content_type;  // application/pdf, image/png or image/jpeg: from the bytes
  std::int64_t bytes = 0;
  std::string stored_name;  // the file's name under <data_dir>/attachments
  std::string sha256;       // of the content, hex; empty for attachments stored before it was kept
  std::int64_t created_at = 0;
};

// The type `content` is by its first bytes (PDF, PNG, JPEG), or empty for any other.
std::string SniffAttachmentType(std::string_view content);

// Check the content (at most kMaxAttachmentBytes, a PDF, PNG or JPEG by its bytes whatever its
// name says, at most kMaxAttachmentsPerExample) and store it in `data_dir`/attachments under a
// random name; throws kInvalidArgument naming "file".
Attachment AddAttachment(store::Store& store, const std::string& data_dir, std::int64_t example,
                         const std::string& file_name, std::string_view content, std::int64_t now);
std::vector<Attachment> ListAttachments(store::Store& store, std::int64_t example);
std::optional<Attachment> FindAttachment(store::Store& store, std::int64_t example,
                                         std::int64_t id);
// Remove the row and the file; false when there is no such attachment.
bool RemoveAttachment(store::Store& store, const std::string& data_dir, std::int64_t example,
                      std::int64_t id);
std::string AttachmentPath(const std::string& data_dir, const Attachment& attachment);

}  // namespace jamlik::app

namespace jamlik {
template <>
struct EnumTable<app::WelfareArea> {
  static std::span<const EnumEntry<app::WelfareArea>> Entries();
};
}  // namespace jamlik
