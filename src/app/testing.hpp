#pragma once
// Test support: a store-backed case (store::testing::StoreTest) on a fresh database with the
// application's schema, once per backend, hashing passwords at argon2id's least cost.
#include "app/accounts/credentials.hpp"
#include "app/schema.hpp"
#include "store/testing.hpp"

namespace jamlik::app::testing {

class AppStoreTest : public store::testing::StoreTest {
 protected:
  AppStoreTest() {
    schema_ = Schema();
    UseCheapPasswordHashes();
  }
};

}  // namespace jamlik::app::testing
