// An application's credential provider (awscoro::credential_provider) as a member of the chain:
// its exceptions become credential_provider errors naming it, and credentials it returns without
// a method are marked with its name.
#pragma once

#include <memory>
#include <string>

#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class custom_provider final : public credential_provider {
 public:
  explicit custom_provider(std::shared_ptr<awscoro::credential_provider> provider);

  std::string_view name() const noexcept override { return name_; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  std::shared_ptr<awscoro::credential_provider> provider_;
  std::string name_;  // asked once: the chain edits and messages need a stable view
};

}  // namespace awscoro::detail
