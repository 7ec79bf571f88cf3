#include "http/http_client.hpp"

#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/this_coro.hpp>

#include "http/connection_pool.hpp"
#include "http/http_connection.hpp"
#include "http/tls_context.hpp"
#include "util/off_loop.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::deferred);

bool cancel_requested(asio::cancellation_state const& state) {
  return state.cancelled() != asio::cancellation_type::none;
}

void set_failure(http_failure& failure, error code, bool maybe_sent, std::string message) {
  failure.code = make_error_code(code);
  failure.maybe_sent = maybe_sent;
  failure.message = std::move(message);
}

// shared_tls_context() on the blocking pool: making a context reads its CA bundle and certificate
// files, once per process (later clients find it cached).
asio::awaitable<std::shared_ptr<asio::ssl::context>> tls_context_off_loop(bool verify, std::string const& ca_bundle,
                                                                          std::string const& client_cert,
                                                                          std::string& error) {
  auto make = [&] { return shared_tls_context(verify, ca_bundle, client_cert, error); };
  co_return co_await run_off_loop(make);
}

std::string peer_of(connection_pool const& pool) { return pool.host() + ':' + std::to_string(pool.port()); }

// A slot of a pool held by one send, given back when the send ends however it ends (the frame
// may even be destroyed while suspended): closed, unless the send returned it as reusable.
struct lease {
  explicit lease(connection_pool& p) : pool(&p) {}
  lease(lease const&) = delete;
  lease& operator=(lease const&) = delete;
  ~lease() { give_back(false); }

  void give_back(bool reusable) {
    if (!held) return;
    held = false;
    pool->release(std::move(connection), reusable);
  }

  connection_pool* pool;
  std::unique_ptr<http_connection> connection;
  bool held = false;
};

}  // namespace

class http_client::impl : public std::enable_shared_from_this<impl> {
 public:
  impl(asio::any_io_executor executor, http_client_options options)
      : executor_(std::move(executor)), options_(std::move(options)) {}

  // Takes the state by value so it lives in the coroutine frame: the http_client may be destroyed
  // while the send is suspended.
  static asio::awaitable<http_body> open(std::shared_ptr<impl> self, http_request const& request,
                                         http_response& response, http_failure& failure);
  void close();
  http_client_stats stats() const;

  asio::any_io_executor executor_;
  http_client_options options_;

 private:
  connection_pool& pool_for(bool tls, std::string const& host, std::uint16_t port, std::string_view route);
  // Waits for a slot of a full pool (FIFO).
  asio::awaitable<bool> acquire(connection_pool& pool, lease& slot, asio::cancellation_state state,
                                http_failure& failure);

  std::vector<std::unique_ptr<connection_pool>> pools_;  // few hosts per client: searched linearly
  std::shared_ptr<asio::ssl::context> tls_;
  std::shared_ptr<asio::ssl::context> proxy_tls_;  // for https:// proxies
  std::uint64_t opened_ = 0;
  std::uint64_t reused_ = 0;
  std::uint64_t retried_ = 0;
};

// The connection of a body being read, and the client state it belongs to (kept alive by it).
struct http_body::state {
  std::shared_ptr<http_client::impl> client;
  std::unique_ptr<lease> slot;
};

connection_pool& http_client::impl::pool_for(bool tls, std::string const& host, std::uint16_t port,
                                             std::string_view route) {
  for (auto& p : pools_)
    if (p->matches(tls, host, port, route)) return *p;
  pools_.push_back(std::make_unique<connection_pool>(tls, host, port, options_.max_pool_connections,
                                                     options_.idle_timeout, std::string(route)));
  return *pools_.back();
}

asio::awaitable<bool> http_client::impl::acquire(connection_pool& pool, lease& slot, asio::cancellation_state state,
                                                 http_failure& failure) {
  pool_waiter waiter(pool, executor_);
  if (cancel_requested(state)) {
    set_failure(failure, error::cancelled, false, "cancelled waiting for a connection to " + peer_of(pool));
    co_return false;
  }
  pool.enqueue(waiter);
  waiter.wakeup.expires_at(asio::steady_timer::time_point::max());
  co_await waiter.wakeup.async_wait(use_tuple);
  if (waiter.granted) {
    waiter.taken = true;
    slot.held = true;
    slot.connection = std::move(waiter.connection);
    co_return true;
  }
  set_failure(failure, error::cancelled, false,
              (waiter.closed ? "client closed while waiting for a connection to " : "cancelled waiting for a connection to ") +
                  peer_of(pool));
  co_return false;
}

asio::awaitable<http_body> http_client::impl::open(std::shared_ptr<impl> self, http_request const& request,
                                                   http_response& response, http_failure& failure) {
  failure = http_failure{};
  auto state = co_await asio::this_coro::cancellation_state;
  impl& me = *self;

  bool tls = request.scheme == "https";
  std::uint16_t port = request.port != 0 ? request.port : (tls ? 443 : 80);
  if (!tls && request.scheme != "http") {
    set_failure(failure, error::serialization, false,
                "cannot send to " + request.host + ": unsupported URL scheme \"" + request.scheme + "\"");
    co_return http_body{};
  }
  std::string route_error;
  auto proxy = me.options_.proxy.empty() ? std::nullopt
                                         : route_through_proxy(me.options_.proxy, request.scheme, request.host, port, route_error);
  if (!route_error.empty()) {
    set_failure(failure, error::invalid_config, false, "cannot send to " + request.host + ": " + route_error);
    co_return http_body{};
  }
  // TLS with the service, unless an https:// proxy forwards the request (and speaks TLS with the
  // service itself).
  bool service_tls = tls && !(proxy && !proxy->tunnel);
  std::string error_text;
  if (service_tls && !me.tls_) {
    me.tls_ = co_await tls_context_off_loop(me.options_.verify, me.options_.ca_bundle, me.options_.client_cert,
                                            error_text);
    if (!me.tls_) {
      set_failure(failure, error::tls_failure, false,
                  "cannot set up TLS for " + request.host + ':' + std::to_string(port) + ": " + error_text);
      co_return http_body{};
    }
  }
  if (proxy && proxy->tls && !me.proxy_tls_) {
    auto const& settings = me.options_.proxy;
    me.proxy_tls_ = co_await tls_context_off_loop(proxy_verified(settings, me.options_.verify),
                                                  settings.ca_bundle.empty() ? me.options_.ca_bundle : settings.ca_bundle,
                                                  settings.client_cert, error_text);
    if (!me.proxy_tls_) {
      set_failure(failure, error::tls_failure, false, "cannot set up TLS for the " + proxy->display + ": " + error_text);
      co_return http_body{};
    }
  }
  connection_pool& pool = me.pool_for(tls, request.host, port, proxy ? proxy->key() : std::string());

  for (int attempt = 0;; ++attempt) {
    auto slot = std::make_unique<lease>(pool);
    if (cancel_requested(state)) {
      set_failure(failure, error::cancelled, false, "cancelled before sending to " + peer_of(pool));
      co_return http_body{};
    }
    // The common case (a free slot) takes no coroutine frame; only waiting does.
    if (pool.try_acquire(slot->connection) != connection_pool::grant::wait) slot->held = true;
    else if (!co_await me.acquire(pool, *slot, state, failure)) co_return http_body{};
    // The resend after a stale connection goes on a fresh one: other pooled connections of this
    // host have likely been closed by the server too.
    if (slot->connection && attempt > 0) {
      slot->connection->close();
      slot->connection.reset();
    }
    if (slot->connection) {
      ++me.reused_;
      pool.track(slot->connection.get());
    } else {
      slot->connection = std::make_unique<http_connection>(me.executor_, service_tls ? me.tls_ : nullptr,
                                                              proxy && proxy->tls ? me.proxy_tls_ : nullptr);
      pool.track(slot->connection.get());
      if (cancel_requested(state)) {
        set_failure(failure, error::cancelled, false, "cancelled before connecting to " + peer_of(pool));
        co_return http_body{};
      }
      if (!co_await slot->connection->connect(pool.host(), port, me.options_, failure, proxy ? &*proxy : nullptr)) co_return http_body{};
      ++me.opened_;
    }
    if (cancel_requested(state)) {
      set_failure(failure, error::cancelled, false, "cancelled before sending to " + peer_of(pool));
      co_return http_body{};
    }
    auto result = co_await slot->connection->start(request, me.options_, response, failure);
    if (result == exchange_result::ok) {
      if (slot->connection->body_done()) slot->give_back(slot->connection->keep_alive());
      auto body = std::make_unique<http_body::state>();
      body->client = std::move(self);
      body->slot = std::move(slot);
      co_return http_body(std::move(body));
    }
    response = http_response{};
    // A body_stream already read must start over; one that cannot is not sent again.
    if (result == exchange_result::stale && attempt == 0 && (!request.body_stream || request.body_stream.rewind())) {
      ++me.retried_;
      continue;
    }
    if (result == exchange_result::stale)
      set_failure(failure, error::connection_closed, true, "connection closed before any response from " + peer_of(pool));
    response = http_response{};
    co_return http_body{};
  }
}

void http_client::impl::close() {
  for (auto& p : pools_) p->close_all();
}

http_client_stats http_client::impl::stats() const {
  http_client_stats s;
  s.connections_opened = opened_;
  s.connections_reused = reused_;
  s.requests_retried = retried_;
  for (auto const& p : pools_) {
    s.idle_connections += p->idle_count();
    s.active_connections += p->in_use();
    s.waiting_sends += p->waiting();
  }
  return s;
}

http_client::http_client(asio::any_io_executor executor, http_client_options options)
    : impl_(std::make_shared<impl>(std::move(executor), std::move(options))) {}

http_client::~http_client() { impl_->close(); }

asio::awaitable<http_response> http_client::send(http_request const& request, http_failure& failure) {
  http_response response;
  auto body = co_await impl::open(impl_, request, response, failure);
  while (!failure && !body.done())
    if (!co_await body.read(response.body, failure)) response = http_response{};
  co_return response;
}

asio::awaitable<http_body> http_client::open(http_request const& request, http_response& response,
                                             http_failure& failure) {
  return impl::open(impl_, request, response, failure);
}

http_body::http_body() = default;
http_body::http_body(std::unique_ptr<state> s) : state_(std::move(s)) {}
http_body::http_body(http_body&&) noexcept = default;
http_body& http_body::operator=(http_body&&) noexcept = default;
http_body::~http_body() = default;

bool http_body::done() const { return !state_ || !state_->slot->held || state_->slot->connection->body_done(); }

asio::awaitable<bool> http_body::read(std::string& out, http_failure& failure) {
  failure = http_failure{};
  if (done()) co_return true;
  auto& slot = *state_->slot;
  bool ok = co_await slot.connection->read_body(state_->client->options_, out, failure);
  if (!ok) slot.give_back(false);
  else if (slot.connection->body_done()) slot.give_back(slot.connection->keep_alive());
  co_return ok;
}

void http_body::close() {
  if (state_) state_->slot->give_back(false);
}

void http_client::close() { impl_->close(); }

http_client_stats http_client::stats() const { return impl_->stats(); }

http_client_options const& http_client::options() const { return impl_->options_; }

}  // namespace awscoro::detail
