// The precompiled header of every test program (jamlik_add_test in CMakeLists.txt): GoogleTest,
// nlohmann/json and {fmt} are parsed, and with clang their common templates instantiated, once
// per build instead of once per test source. Each test source still includes what it uses.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>
