// `sigtrader demo [--dir DIR] [--speed X] [--port N] [--no-browser] [--seed N] [--max-steps N]
// [--reset]`: one command on a fresh machine. It generates a market (four perpetuals, four days of
// 15-minute candles in trends, ranges and volatile stretches) and the posts of three channels of
// different quality, trains the signal classifier if none is registered, and paper-trades the
// channels' signals through the same run as `sigtrader run --mode paper`, in accelerated time,
// with the posts arriving as the market reaches them. SIGINT or SIGTERM stops after the current
// step and prints the summary; running it again resumes, --reset starts over.
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ai/model_registry.hpp"
#include "app/api_key_issuing.hpp"
#include "app/atomic_file.hpp"
#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/demo_summary.hpp"
#include "app/demo_workspace.hpp"
#include "app/paper_run.hpp"
#include "app/report_error.hpp"
#include "app/served_paper_run.hpp"
#include "app/store_opening.hpp"
#include "app/timed_post_feed.hpp"
#include "app/training_data.hpp"
#include "core/clock.hpp"
#include "signals/jsonl_messages.hpp"
#include "signals/signal_parser.hpp"
#include "storage/sqlite_store.hpp"

extern char** environ;

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "demo";
// The user the demo's session, orders and account belong to.
constexpr std::string_view kDemoUser = "demo";
// A post is shown up to this many bytes as it arrives.
constexpr std::size_t kShownPostBytes = 72;

struct DemoOptions {
  std::string dir = "sigtrader-demo";
  std::optional<double> speed;  // default: the demo config's paper.speed
  // Where the dashboard will listen (default: the demo config's api.port) and whether it opens a
  // browser; for the API server, which is not part of the demo yet.
  std::optional<int> port;
  bool no_browser = false;
  std::uint64_t seed = kDefaultDemoSeed;
  std::int64_t max_steps = 0;  // 0: no limit
  bool reset = false;
};

// A post on one line (its line breaks as " | "), cut at a character boundary.
std::string one_line(std::string_view text) {
  std::string line;
  for (const char c : text) {
    if (c == '\n') {
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      if (!line.empty() && line.back() != '|') line += " | ";
    } else {
      line += c;
    }
  }
  if (line.size() <= kShownPostBytes) return line;
  std::size_t end = kShownPostBytes;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80)
    --end;
  return line.substr(0, end) + "…";
}

// The registered classifier; trained first when there is none: on the repository's labeled corpus
// when it is at hand (as `sigtrader train classifier` finds it), else on posts of the demo's
// channels over a market of another seed (never the posts the demo plays).
core::Result<std::unique_ptr<signals::SignalClassifier>> demo_classifier(
    const config::Config& config, const DemoPaths& paths, std::uint64_t seed, CliContext& context) {
  const ai::ModelRegistry registry(config.general.models_dir);
  auto registered = load_registered_classifier(registry, kDefaultClassifierName);
  if (registered.ok() || registered.error().code() != core::ErrorCode::kNotFound) {
    return registered;
  }
  auto data = read_training_data({}, context);
  std::string source = "the repository's labeled corpus";
  if (!data.ok()) {
    spdlog::info("{}: no corpus to train on ({}); training on the demo channels' history", kCommand,
                 data.error().message());
    const auto history = paths.training / "demo-history.jsonl";
    std::error_code ignored;
    std::filesystem::create_directories(paths.training, ignored);
    SIGTRADER_RETURN_IF_ERROR(write_atomically(history, demo_history_labels(seed)));
    data = read_training_data({history.string()}, context);
    if (!data.ok()) return data.error();
    source = "the demo channels' history (another seed)";
  }
  std::cout << fmt::format("Training the signal classifier on {} labeled posts of {}...\n",
                           data->posts.size(), source);
  std::cout.flush();
  core::LiveClock clock;
  signals::Evaluation cross_validation;
  SIGTRADER_TRY(
      const ai::ModelMetadata metadata,
      train_and_register_classifier(*data, signals::ClassifierTrainingOptions{}, registry,
                                    kDefaultClassifierName, clock.now(), &cross_validation));
  std::cout << fmt::format("  {} {} stored in {} (out-of-fold macro-F1 {:.3f})\n",
                           kDefaultClassifierName, metadata.version,
                           registry.version_dir(metadata).string(), cross_validation.macro_f1);
  return load_registered_classifier(registry, kDefaultClassifierName);
}

// True when the demo's session has already played to its end (its database holds a session but
// none to resume).
core::Result<bool> played_to_the_end(storage::Store& store, std::string_view session) {
  auto user = store.find_user(kDemoUser);
  if (!user.ok()) {
    if (user.error().code() == core::ErrorCode::kNotFound) return false;
    return user.error();
  }
  auto resumable = store.find_resumable_paper_session(user->id, session);
  if (resumable.ok()) return false;
  if (resumable.error().code() != core::ErrorCode::kNotFound) return resumable.error();
  // The demo's database is its own: its first session is the demo's.
  auto first = store.find_paper_session(storage::PaperSessionId(1));
  if (first.ok()) return true;
  if (first.error().code() == core::ErrorCode::kNotFound) return false;
  return first.error();
}

core::Result<std::vector<signals::Message>> read_posts(const DemoPaths& paths) {
  std::vector<signals::Message> posts;
  SIGTRADER_RETURN_IF_ERROR(signals::read_jsonl_messages_file(
      paths.posts.string(),
      [&](signals::Message&& message) -> core::Status {
        posts.push_back(std::move(message));
        return {};
      },
      [&](const signals::SkippedMessage& skip) {
        spdlog::warn("{}: {}: skipped {}: {}", kCommand, paths.posts.string(), skip.where,
                     skip.reason);
      }));
  return posts;
}

void print_banner(const DemoPaths& paths, const DemoWorld& world, double speed) {
  const auto& first = world.market.series.front().candles;
  std::string symbols;
  for (const market::SyntheticSeries& series : world.market.series) {
    if (!symbols.empty()) symbols += ", ";
    symbols += series.symbol.symbol.to_string();
  }
  std::string regimes;
  for (const market::RegimeSpan& span : world.market.regimes) {
    if (!regimes.empty()) regimes += ", ";
    regimes += fmt::format("{} {}h", market::to_string(span.regime), span.candles / 4);
  }
  std::string channels;
  for (const engine::DemoChannel& channel : world.channels) {
    int signals = 0;
    for (const engine::DemoPost& post : world.posts) {
      signals += post.channel == channel.name && post.kind == engine::DemoPostKind::kSignal;
    }
    if (!channels.empty()) channels += ", ";
    channels += fmt::format("{} ({} signals)", channel.name, signals);
  }
  const core::Duration span = core::Duration::minutes(15 * static_cast<int>(first.size()));
  std::cout << fmt::format("sigtrader demo in {} (seed {})\n", paths.dir.string(), world.seed)
            << fmt::format("  market    {}: {} candles of 15m from {}\n", symbols, first.size(),
                           first.front().open_time.to_iso8601())
            << fmt::format("  regimes   {}\n", regimes)
            << fmt::format("  channels  {}; {} posts arrive as the market plays\n", channels,
                           world.posts.size());
  if (speed > 0) {
    std::cout << fmt::format(
        "  speed     {}x: the {} days play in about {:.0f} minutes; Ctrl-C stops after the "
        "current step, the same command resumes, --reset starts over\n",
        speed, span.count_ns() / core::Duration::days(1).count_ns(),
        span.to_seconds() / speed / 60.0);
  } else {
    std::cout << "  speed     as fast as possible\n";
  }
  std::cout.flush();
}

void print_arrivals(std::span<const signals::Message> posts,
                    const signals::SignalClassifier& classifier) {
  for (const signals::Message& post : posts) {
    const signals::Classification reading =
        classifier.classify(post.text, signals::parse_signal(post.text));
    std::cout << fmt::format("  {} {:<22} {:<6} {:.2f}  {}\n", post.ts.to_iso8601(),
                             post.channel_id.str(), reading.label, reading.confidence,
                             one_line(post.text));
  }
  if (!posts.empty()) std::cout.flush();
}

// Opens the dashboard in the desktop's browser when there is one; a machine without a desktop
// has no xdg-open, which is fine: the URL is printed.
void open_browser(const std::string& url) {
  std::vector<std::string> words = {"xdg-open", url};
  std::vector<char*> argv;
  for (std::string& word : words)
    argv.push_back(word.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, argv.data(), environ) == 0) {
    int status = 0;
    waitpid(pid, &status, WNOHANG);
  }
  posix_spawn_file_actions_destroy(&actions);
}

// The demo user is an admin of its own demo: a fresh key is printed at every start (only its hash
// is kept), and the dashboard serves on the demo's port.
core::Result<std::unique_ptr<ServedPaperRun>> serve_demo(
    const config::Config& config, const DemoOptions& options,
    const signals::SignalClassifier& classifier, storage::SqliteStore& store) {
  SIGTRADER_TRY(const core::UserId user, ensure_user(store, std::string(kDemoUser)));
  SIGTRADER_RETURN_IF_ERROR(store.set_user_role(user, "admin"));
  const core::LiveClock clock;
  SIGTRADER_TRY(const std::string key, issue_api_key(store, user, clock.now()));
  ServeFlags flags;
  flags.port = options.port;
  SIGTRADER_TRY(auto served, ServedPaperRun::start(config, store.path(), flags, classifier));
  const std::string url = fmt::format("http://{}:{}", config.api.host, served->server().port());
  std::cout << fmt::format("Dashboard: {}\nAPI key (admin, paste it to log in): {}\n\n", url, key)
            << std::flush;
  if (!options.no_browser) open_browser(url);
  return served;
}

int run_demo(const DemoOptions& options, CliContext& context) {
  const DemoPaths paths(options.dir);
  const DemoWorld world = generate_demo_world(options.seed);
  if (auto written = write_demo_files(paths, world, options.reset); !written.ok()) {
    if (written.error().code() == core::ErrorCode::kAlreadyExists) {
      std::cerr << "sigtrader demo: " << written.error().message() << '\n';
      return kExitUsage;
    }
    return report_error(kCommand, written.error());
  }
  auto config = load_demo_config(paths, context.environment);
  if (!config.ok()) return report_error(kCommand, config.error());
  auto store = open_store_at(*config, config->database.path,
                             storage::OpenOptions{.create_if_missing = true, .migrate = true});
  if (!store.ok()) return report_error(kCommand, store.error());
  auto ended = played_to_the_end(**store, config->paper.name);
  if (!ended.ok()) return report_error(kCommand, ended.error());
  if (*ended) {
    std::cout << fmt::format(
        "The demo in {} has played to its end; `sigtrader demo --dir {} --reset` plays it "
        "again.\n",
        paths.dir.string(), paths.dir.string());
    return kExitOk;
  }
  const double speed = options.speed.value_or(config->paper.speed);
  print_banner(paths, world, speed);
  auto classifier = demo_classifier(*config, paths, options.seed, context);
  if (!classifier.ok()) return report_error(kCommand, classifier.error());
  if (!config->paper.setup) {
    return report_error(kCommand, core::Error(core::ErrorCode::kConfig,
                                              fmt::format("{}: paper.setup is missing; --reset "
                                                          "writes the demo's config afresh",
                                                          paths.config.string())));
  }
  auto setup = load_paper_setup(*config->paper.setup, kCommand);
  if (!setup.ok()) return report_error(kCommand, setup.error());
  auto posts = read_posts(paths);
  if (!posts.ok()) return report_error(kCommand, posts.error());

  TimedPostFeed feed(std::move(*posts), **store, **classifier);
  auto served = serve_demo(*config, options, **classifier, **store);
  if (!served.ok()) return report_error(kCommand, served.error());
  // The server's hooks open the stream and publish after each step; the posts arrive before it.
  PaperRunHooks hooks = (*served)->hooks();
  hooks.before_step = [&](core::Timestamp next) -> core::Status {
    SIGTRADER_TRY(const auto arrived, feed.store_until(next));
    print_arrivals(arrived, **classifier);
    return {};
  };

  PaperRunRequest request;
  request.command = std::string(kCommand);
  request.speed = speed;
  request.session = config->paper.name;
  request.max_steps = options.max_steps;
  request.user = std::string(kDemoUser);
  auto result = run_paper_session(request, *setup, *config, **store, **classifier, hooks);
  (*served)->run_ended();
  if (!result.ok()) return report_error(kCommand, result.error());
  std::cout << '\n' << demo_summary_text(summarize_demo(*result));
  if (result->end == engine::PaperRunEnd::kFinished) {
    std::cout << "The demo has played to its end; --reset plays it again.\n";
  }
  return kExitOk;
}

}  // namespace

void register_demo_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* command = app.add_subcommand(
      "demo",
      "Paper-trade three generated signal channels on a generated market in accelerated time: "
      "trains the classifier if needed, creates the demo database, resumable");
  command->add_option("--dir", options->dir, "The demo's folder (created if missing)")
      ->capture_default_str()
      ->type_name("DIR");
  command
      ->add_option("--speed", options->speed,
                   "Simulated seconds per wall second; 0 runs as fast as possible (default: the "
                   "demo config's paper.speed, 576: four days in ten minutes)")
      ->check(CLI::Range(0.0, 1'000'000.0))
      ->type_name("X");
  command
      ->add_option("--port", options->port,
                   "Port of the dashboard (default: the demo config's api.port, 8080; 0 picks a "
                   "free one)")
      ->check(CLI::Range(0, 65535))
      ->type_name("N");
  command->add_flag("--no-browser", options->no_browser, "Do not open the dashboard in a browser");
  command->add_option("--seed", options->seed, "Seed of the generated market and posts")
      ->capture_default_str()
      ->type_name("N");
  command
      ->add_option("--max-steps", options->max_steps,
                   "Stop (resumably) after this many steps of this run")
      ->check(CLI::PositiveNumber)
      ->type_name("N");
  command->add_flag("--reset", options->reset,
                    "Start over: remove the demo's database, event log and generated files (the "
                    "trained classifier stays)");
  command->callback([&context, options] {
    context.action = [&context, options] { return run_demo(*options, context); };
  });
}

}  // namespace sigtrader::app
