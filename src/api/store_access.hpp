#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "storage/store.hpp"

namespace sigtrader::api {

// The API's own connection to the database, used by one request at a time (a Store is
// single-threaded; the kernel writes through its own connection, SQLite's WAL lets both work).
class StoreAccess {
 public:
  explicit StoreAccess(std::unique_ptr<storage::Store> store) : store_(std::move(store)) {}

  template <typename Work>
  auto with(Work&& work) {
    const std::lock_guard lock(mutex_);
    return work(*store_);
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<storage::Store> store_;
};

}  // namespace sigtrader::api
