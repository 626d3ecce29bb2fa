#pragma once

namespace sigtrader::app {

// Parses the command line, sets up logging and runs the chosen subcommand. Returns the process
// exit code: 0 ok, 1 failed, 2 bad usage (unknown flag, missing argument, no subcommand).
int run_cli(int argc, char** argv);

}  // namespace sigtrader::app
