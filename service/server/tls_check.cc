#include "service/server/tls_check.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace advisor::server {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Certificate = std::unique_ptr<X509, X509Free>;
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Bio MemoryBio(const std::string& pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The first PEM certificate in `pem`, or null.
Certificate FirstCertificate(const std::string& pem) {
  const Bio bio = MemoryBio(pem);
  return Certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

absl::Status Invalid(const char* flag, const std::string& file, const char* problem) {
  ERR_clear_error();
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, ": ", file.empty() ? "the PEM text" : file, " ", problem));
}

}  // namespace

absl::Status CheckTlsMaterial(const ServerTls& tls) {
  const Certificate certificate = FirstCertificate(tls.certificate_chain);
  if (certificate == nullptr) {
    return Invalid("tls_cert_file", tls.certificate_chain_file, "holds no PEM certificate");
  }
  const Bio key_bio = MemoryBio(tls.private_key);
  const Key key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return Invalid("tls_key_file", tls.private_key_file, "holds no PEM private key");
  }
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    return Invalid("tls_key_file", tls.private_key_file,
                   "is not the private key of --tls_cert_file's certificate");
  }
  if (!tls.client_ca.empty() && FirstCertificate(tls.client_ca) == nullptr) {
    return Invalid("tls_client_ca_file", tls.client_ca_file, "holds no PEM certificate");
  }
  return absl::OkStatus();
}

}  // namespace advisor::server
