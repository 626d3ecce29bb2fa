#pragma once

#include <string>
#include <string_view>

namespace sigtrader::core {

// What a secret's value is shown as wherever it would otherwise be printed.
inline constexpr std::string_view kMaskedValue = "***";

// Whether a key's name says it holds a secret. Lower-cased and without '-' and '_', the name
// contains apikey, secret, password, passwd, passphrase, signature, authorization, privatekey,
// credential or cookie; ends with token; or is the word sign ("X-BAPI-SIGN"). So "max_tokens",
// "signal" and "design" stay readable. The config refuses such keys in the TOML file and every
// log and API response masks their values (DESIGN.md section 6).
bool is_secret_key_name(std::string_view name);

// The name lower-cased without '-' and '_', as names are compared: "X-MBX-APIKEY" -> "xmbxapikey".
std::string fold_key_name(std::string_view name);

}  // namespace sigtrader::core
