#include <doctest/doctest.h>

#include "model/model_registry.hpp"
#include "model/naming.hpp"

using awscoro::detail::xform_name;

TEST_CASE("xform_name matches botocore's snake and kebab forms") {
  CHECK(xform_name("ListObjectsV2") == "list_objects_v2");
  CHECK(xform_name("ListObjectsV2", '-') == "list-objects-v2");
  CHECK(xform_name("GetItem") == "get_item");
  CHECK(xform_name("DescribeDBInstances") == "describe_db_instances");
  CHECK(xform_name("ListWebACLs") == "list_web_acls");
  CHECK(xform_name("GetGatewayARNs") == "get_gateway_arns");
  CHECK(xform_name("CreateCachediSCSIVolume", '-') == "create-cached-iscsi-volume");
  CHECK(xform_name("HeadBucket") == "head_bucket");
  CHECK(xform_name("already_snake") == "already_snake");
  CHECK(xform_name("BucketExists") == "bucket_exists");
  CHECK(xform_name("PutObjectACL") == "put_object_acl");
  CHECK(xform_name("GetIDs") == "get_ids");
}
