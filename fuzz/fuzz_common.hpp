#pragma once
// What the fuzz targets share: a fixed environment (one thread, English messages) and a small
// table in the shape of the demo data for definitions to be evaluated on.
#include <cstdlib>
#include <string_view>

#include "core/dimensions.hpp"
#include "core/i18n.hpp"
#include "core/table.hpp"
#include "io/csv_reader.hpp"

namespace jamlik::fuzz {

// One worker thread: runs are reproducible and the chunked passes still run, one chunk at a time.
inline void SetUpEnvironment() {
  ::setenv("JAMLIK_THREADS", "1", 1);
  SetLanguage(Language::kEnglish);
}

// Microdata as an upload gives it, with the known dimensions, 0/1 outcomes and nulls.
inline const Table& SmallTable() {
  static const Table table = ApplyKnownDimensions(ReadCsvText(
      "kommun;lan;kon;alder;utbildning;fodelseregion;inkomstkvintil;dod;hemtjanst;behorig;"
      "inkomst;ar\n"
      "0180;01;K;34;eftergymnasial;Sverige;3;0;0;1;312,5;2024\n"
      "0180;01;M;71;förgymnasial;Europa;1;1;1;0;190,0;2024\n"
      "0180;01;K;80;gymnasial;Norden;2;1;1;;;2025\n"
      "1880;18;M;45;gymnasial;Sverige;5;0;0;1;250,5;2025\n"
      "1880;18;K;16;förgymnasial;utanför Europa;4;0;0;0;;2025\n"
      "1880;18;;90;;;;1;1;;100,0;2024\n",
      "small.csv"));
  return table;
}

}  // namespace jamlik::fuzz
