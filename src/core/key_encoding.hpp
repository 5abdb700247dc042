#pragma once
// Key columns as dense category codes, shared by the group-by engine and the indicators: a
// categorical column's own codes, an int64 column's distinct values ranked in ascending order with
// their decimal text as categories.
#include "core/column.hpp"

namespace jamlik {

struct EncodedKey {
  Dictionary dictionary;
  CategoryCodes codes;  // nulls keep code 0; the column's validity tells them apart
};

// Encode an int64 column; years and codes spanning a small range are ranked through a table over
// the range, others by sorting their distinct values.
EncodedKey EncodeInt64Key(const Column& column);

// Throw kTypeMismatch naming the column unless it can be a key (categorical or int64).
void CheckKeyColumnType(const Column& column);

}  // namespace jamlik
