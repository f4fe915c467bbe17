#include "service/metrics/served_methods.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"

#include <google/protobuf/descriptor.h>

namespace advisor::metrics {

const std::vector<std::string>& ServedServiceNames() {
  static const std::vector<std::string>* const kServices = new std::vector<std::string>{
      "advisor.v1.FrameworkService",
      "advisor.v1.RoleMatchingService",
      "advisor.v1.FaqService",
      "grpc.health.v1.Health",
      "grpc.reflection.v1alpha.ServerReflection",
  };
  return *kServices;
}

std::vector<std::string> FullMethodNames(absl::Span<const std::string> services) {
  std::vector<std::string> methods;
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& service_name : services) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(service_name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      methods.push_back(absl::StrCat("/", service->full_name(), "/", service->method(i)->name()));
    }
  }
  return methods;
}

}  // namespace advisor::metrics
