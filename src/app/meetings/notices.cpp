#include "app/meetings/notices.hpp"

#include <fmt/format.h>

#include "core/swedish_time.hpp"

namespace jamlik::app {
namespace {

std::string Where(const ActivityHeading& activity, Language language) {
  std::string where;
  const bool sv = language == Language::kSwedish;
  if (!activity.place.empty())
    where += fmt::format("{}: {}\n", sv ? "Plats" : "Place", activity.place);
  if (!activity.link.empty()) where += fmt::format("{}: {}\n", sv ? "Länk" : "Link", activity.link);
  return where;
}

}  // namespace

Mail RegistrationNotice(const ActivityHeading& activity, const Registration& registration,
                        const std::string& cancel_link) {
  const Language language = registration.registrant.language;
  const bool sv = language == Language::kSwedish;
  const bool seat = registration.status == RegistrationStatus::kConfirmed;
  Mail mail;
  mail.to = registration.registrant.email;
  if (sv) {
    mail.subject = fmt::format("{}: {}", seat ? "Anmälan bekräftad" : "Du står på väntelistan",
                               activity.title);
  } else {
    mail.subject = fmt::format(
        "{}: {}", seat ? "Registration confirmed" : "You are on the waiting list", activity.title);
  }
  const std::string status =
      seat ? (sv ? "Du har en plats." : "You have a seat.")
           : fmt::format(fmt::runtime(sv ? "Du står som nummer {} på väntelistan. Om en plats blir "
                                           "ledig får du den i tur och ordning, och ett nytt "
                                           "meddelande."
                                         : "You are number {} on the waiting list. If a seat "
                                           "becomes free it is yours in turn, and you get another "
                                           "message."),
                         registration.waiting_position);
  mail.body = fmt::format(
      fmt::runtime(sv ? "Hej {name}!\n\nTack för din anmälan till {title}, {when}.\n{where}\n"
                        "{status}\n\nKan du inte komma? Avanmäl dig här, så går platsen till "
                        "någon annan:\n{link}\n\nLänken är personlig; dela den inte.\n"
                      : "Hello {name},\n\nThank you for registering for {title}, {when}.\n"
                        "{where}\n{status}\n\nCannot come? Cancel here, so that the seat goes to "
                        "someone else:\n{link}\n\nThe link is personal; do not share it.\n"),
      fmt::arg("name", registration.registrant.name), fmt::arg("title", activity.title),
      fmt::arg("when", FormatSwedishTime(activity.starts_at, language)),
      fmt::arg("where", Where(activity, language)), fmt::arg("status", status),
      fmt::arg("link", cancel_link));
  return mail;
}

Mail PromotionNotice(const ActivityHeading& activity, const Registration& registration) {
  const Language language = registration.registrant.language;
  const bool sv = language == Language::kSwedish;
  Mail mail;
  mail.to = registration.registrant.email;
  mail.subject =
      fmt::format("{}: {}", sv ? "Du har fått en plats" : "You have a seat", activity.title);
  mail.body = fmt::format(
      fmt::runtime(sv ? "Hej {name}!\n\nEn plats blev ledig och den är nu din: {title}, {when}.\n"
                        "{where}\nKan du inte komma? Avanmäl dig med länken i din första "
                        "bekräftelse, så går platsen vidare.\n"
                      : "Hello {name},\n\nA seat became free and it is now yours: {title}, "
                        "{when}.\n{where}\nCannot come? Cancel with the link in your first "
                        "confirmation, so that the seat goes on.\n"),
      fmt::arg("name", registration.registrant.name), fmt::arg("title", activity.title),
      fmt::arg("when", FormatSwedishTime(activity.starts_at, language)),
      fmt::arg("where", Where(activity, language)));
  return mail;
}

}  // namespace jamlik::app
