#include "model/naming.hpp"

#include <cctype>

namespace awscoro::detail {
namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Names botocore's regular rules get wrong, kept as botocore lists them.
struct special_case {
  std::string_view name, snake;
};
constexpr special_case special_cases[] = {
    {"CreateCachediSCSIVolume", "create_cached_iscsi_volume"},
    {"DescribeCachediSCSIVolumes", "describe_cached_iscsi_volumes"},
    {"DescribeStorediSCSIVolumes", "describe_stored_iscsi_volumes"},
    {"CreateStorediSCSIVolume", "create_stored_iscsi_volume"},
    {"ListHITsForQualificationType", "list_hits_for_qualification_type"},
    {"ExecutePartiQLStatement", "execute_partiql_statement"},
    {"ExecutePartiQLTransaction", "execute_partiql_transaction"},
    {"ExecutePartiQLBatch", "execute_partiql_batch"},
    {"AssociateWhatsAppBusinessAccount", "associate_whatsapp_business_account"},
    {"CreateWhatsAppMessageTemplate", "create_whatsapp_message_template"},
    {"CreateWhatsAppMessageTemplateFromLibrary", "create_whatsapp_message_template_from_library"},
    {"CreateWhatsAppMessageTemplateMedia", "create_whatsapp_message_template_media"},
    {"DeleteWhatsAppMessageMedia", "delete_whatsapp_message_media"},
    {"DeleteWhatsAppMessageTemplate", "delete_whatsapp_message_template"},
    {"DisassociateWhatsAppBusinessAccount", "disassociate_whatsapp_business_account"},
    {"GetLinkedWhatsAppBusinessAccount", "get_linked_whatsapp_business_account"},
    {"GetLinkedWhatsAppBusinessAccountPhoneNumber", "get_linked_whatsapp_business_account_phone_number"},
    {"GetOTelEnrichment", "get_otel_enrichment"},
    {"GetWhatsAppMessageMedia", "get_whatsapp_message_media"},
    {"GetWhatsAppMessageTemplate", "get_whatsapp_message_template"},
    {"ListLinkedWhatsAppBusinessAccounts", "list_linked_whatsapp_business_accounts"},
    {"ListWhatsAppMessageTemplates", "list_whatsapp_message_templates"},
    {"ListWhatsAppTemplateLibrary", "list_whatsapp_template_library"},
    {"PostWhatsAppMessageMedia", "post_whatsapp_message_media"},
    {"PutWhatsAppBusinessAccountEventDestinations", "put_whatsapp_business_account_event_destinations"},
    {"SendWhatsAppMessage", "send_whatsapp_message"},
    {"StartOTelEnrichment", "start_otel_enrichment"},
    {"StopOTelEnrichment", "stop_otel_enrichment"},
    {"UpdateWhatsAppMessageTemplate", "update_whatsapp_message_template"},
};

}  // namespace

std::string xform_name(std::string_view name, char sep) {
  if (name.find(sep) != std::string_view::npos) return std::string(name);
  for (auto const& sc : special_cases)
    if (sc.name == name) {
      std::string out(sc.snake);
      for (auto& c : out)
        if (c == '_') c = sep;
      return out;
    }
  std::string s(name);
  // A pluralized acronym at the end ("GatewayARNs", "ListWebACLs") becomes "_arns", "_acls":
  // the regular expression [A-Z]{2,}s$.
  if (s.size() >= 3 && s.back() == 's') {
    std::size_t start = s.size() - 1;
    while (start > 0 && upper(s[start - 1])) --start;
    if (s.size() - 1 - start >= 2) {
      std::string tail = s.substr(start);
      for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      s = s.substr(0, start) + sep + tail;
    }
  }
  // (.)([A-Z][a-z]+) -> \1<sep>\2, scanning left to right without overlap.
  std::string a;
  a.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    if (i + 2 < s.size() && s[i] != '\n' && upper(s[i + 1]) && lower(s[i + 2])) {
      std::size_t j = i + 3;
      while (j < s.size() && lower(s[j])) ++j;
      a += s[i];
      a += sep;
      a.append(s, i + 1, j - i - 1);
      i = j;
    } else {
      a += s[i++];
    }
  }
  // ([a-z0-9])([A-Z]) -> \1<sep>\2
  std::string b;
  b.reserve(a.size() + 8);
  for (std::size_t i = 0; i < a.size();) {
    if (i + 1 < a.size() && (lower(a[i]) || digit(a[i])) && upper(a[i + 1])) {
      b += a[i];
      b += sep;
      b += a[i + 1];
      i += 2;
    } else {
      b += a[i++];
    }
  }
  for (auto& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return b;
}

}  // namespace awscoro::detail
