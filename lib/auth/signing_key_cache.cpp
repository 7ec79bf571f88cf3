#include "auth/signing_key_cache.hpp"

#include <openssl/crypto.h>

#include <algorithm>

#include "auth/sha256_context.hpp"

namespace awscoro::detail {
namespace {

bool same_secret(std::string const& a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

sha256_digest derive_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                                 std::string_view service) {
  // "AWS4" + secret fits a stack buffer for any real secret (40 characters); longer ones are
  // still handled, through the heap.
  char stack_key[128];
  std::string heap_key;
  std::string_view seed;
  if (secret.size() + 4 <= sizeof stack_key) {
    std::copy_n("AWS4", 4, stack_key);
    std::copy(secret.begin(), secret.end(), stack_key + 4);
    seed = std::string_view(stack_key, secret.size() + 4);
  } else {
    heap_key.reserve(secret.size() + 4);
    heap_key.append("AWS4").append(secret);
    seed = heap_key;
  }
  sha256_context& sha = sha256_context::local();
  sha256_digest k = sha.hmac(seed, date);
  OPENSSL_cleanse(stack_key, sizeof stack_key);
  if (!heap_key.empty()) OPENSSL_cleanse(heap_key.data(), heap_key.size());
  k = sha.hmac(as_view(k), region);
  k = sha.hmac(as_view(k), service);
  return sha.hmac(as_view(k), "aws4_request");
}

signing_key_cache::signing_key_cache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {
  entries_.reserve(capacity_);
}

signing_key_cache::~signing_key_cache() { clear(); }

void signing_key_cache::wipe(entry& e) {
  if (!e.secret.empty()) OPENSSL_cleanse(e.secret.data(), e.secret.size());
  OPENSSL_cleanse(e.key.data(), e.key.size());
}

sha256_digest signing_key_cache::get(std::string_view secret, std::string_view date, std::string_view region,
                                     std::string_view service) {
  {
    std::lock_guard lock(mutex_);
    for (auto& e : entries_) {
      if (e.date == date && e.region == region && e.service == service && same_secret(e.secret, secret)) {
        e.last_used = ++clock_;
        ++hits_;
        return e.key;
      }
    }
    ++misses_;
  }
  // Derived outside the lock: two threads missing at once both derive, which is harmless.
  sha256_digest key = derive_signing_key(secret, date, region, service);
  std::lock_guard lock(mutex_);
  for (auto const& e : entries_)
    if (e.date == date && e.region == region && e.service == service && same_secret(e.secret, secret)) return key;
  entry* slot = nullptr;
  if (entries_.size() < capacity_) {
    slot = &entries_.emplace_back();
  } else {
    slot = &*std::min_element(entries_.begin(), entries_.end(),
                              [](entry const& a, entry const& b) { return a.last_used < b.last_used; });
    wipe(*slot);
  }
  slot->secret.assign(secret);
  slot->date.assign(date);
  slot->region.assign(region);
  slot->service.assign(service);
  slot->key = key;
  slot->last_used = ++clock_;
  return key;
}

std::uint64_t signing_key_cache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::uint64_t signing_key_cache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

std::size_t signing_key_cache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void signing_key_cache::clear() {
  std::lock_guard lock(mutex_);
  for (auto& e : entries_) wipe(e);
  entries_.clear();
}

signing_key_cache& signing_key_cache::global() {
  static signing_key_cache cache;
  return cache;
}

}  // namespace awscoro::detail
