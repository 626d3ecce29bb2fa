#include "app/cli.hpp"

int main(int argc, char** argv) {
  return sigtrader::app::run_cli(argc, argv);
}
