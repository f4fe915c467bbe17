// A minimal application of the installed SDK.
//   advisor_consumer --version     prints the SDK version; needs no server
//   advisor_consumer TARGET NAME   looks NAME up on the server at TARGET
#include <iostream>
#include <string>

#include <advisor/client/client.h>
#include <advisor/client/version.h>

int main(int argc, char** argv) {
  std::string const first = argc > 1 ? argv[1] : "";
  if (argc == 2 && first == "--version") {
    std::cout << "advisor SDK " << advisor::client::VersionString() << "\n";
    // Building a connection touches no network: it must work offline.
    advisor::client::AdvisorClient client(advisor::client::MakeAdvisorConnection());
    return 0;
  }
  if (argc != 3) {
    std::cerr << "usage: advisor_consumer --version | advisor_consumer TARGET NAME\n";
    return 64;
  }
  advisor::client::ClientOptions options;
  options.target = first;
  advisor::client::AdvisorClient client(advisor::client::MakeAdvisorConnection(options));
  auto framework = client.GetFramework(argv[2]);
  if (!framework.ok()) {
    std::cerr << "error: " << framework.status() << "\n";
    return static_cast<int>(framework.status().code());
  }
  std::cout << framework->display_name() << "\n";
  return 0;
}
