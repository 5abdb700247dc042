#pragma once
// The mail a registrant gets: the confirmation (a seat or a place in the queue, with the private
// cancellation link) and the notice that a seat became theirs. Written in the registrant's
// language, times in Swedish time.
#include <cstdint>
#include <string>

#include "app/meetings/registrations.hpp"
#include "app/outbox/outbox.hpp"

namespace jamlik::app {

// What a notice says about the activity.
struct ActivityHeading {
  std::string title;
  std::int64_t starts_at = 0;
  std::string place;
  std::string link;
};

Mail RegistrationNotice(const ActivityHeading& activity, const Registration& registration,
                        const std::string& cancel_link);
Mail PromotionNotice(const ActivityHeading& activity, const Registration& registration);

}  // namespace jamlik::app
