// Credentials of the EC2 instance's role from the instance metadata service (botocore's
// InstanceMetadataProvider, method "iam-role"). IMDSv2: a token from PUT /latest/api/token
// (x-aws-ec2-metadata-token-ttl-seconds: 21600), then the role name and its credentials with
// x-aws-ec2-metadata-token. When the token PUT is refused (403, 404, 405) or times out, the GETs
// go without a token (IMDSv1) unless ec2_metadata_v1_disabled. Settings from the resolver:
// AWS_EC2_METADATA_DISABLED, ec2_metadata_service_endpoint(_mode), metadata_service_timeout,
// metadata_service_num_attempts. As botocore, an unreachable or unhelpful service means "no
// credentials here", not an error.
#pragma once

#include <memory>

#include "config/config_resolver.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class imds_provider final : public credential_provider {
 public:
  explicit imds_provider(std::shared_ptr<config_resolver const> config) : config_(std::move(config)) {}

  std::string_view name() const noexcept override { return "iam-role"; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  std::shared_ptr<config_resolver const> config_;
};

}  // namespace awscoro::detail
