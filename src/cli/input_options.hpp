#pragma once
// The options every command that reads a CSV file shares, and the one way they read it.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "io/csv_reader.hpp"

namespace jamlik::cli {

struct InputOptions {
  std::string path;
  std::string delimiter;            // "", ",", ";", "tab"
  std::string encoding;             // "", "utf-8", "windows-1252"
  std::vector<std::string> types;   // column=int|double|category|text
  std::vector<std::string> orders;  // column=a,b,c (ordered categories)
  bool raw = false;                 // skip the known-dimension catalogue
};

// `file_option` names the input: positional ("file") or an option ("--data").
void AddInputOptions(CLI::App& command, InputOptions& options,
                     const std::string& file_option = "file");

// Read the file as the options say, with a progress bar, and apply the known dimensions'
// category orders and area-code rules unless --raw.
Table ReadInput(const InputOptions& options, CsvFormat* format = nullptr);

}  // namespace jamlik::cli
