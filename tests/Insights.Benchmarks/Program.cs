using Insights.Benchmarks;

// Run through ./bench.sh, which starts the services and builds the server in Release.
var env = BenchEnvironment.FromEnvironment();
var command = args.FirstOrDefault() ?? "help";
return command switch
{
    "ingest" => await IngestBenchmark.RunAsync(env, total: Arg("--events", 1_000_000), clients: Arg("--clients", 4), cluster: args.Contains("--cluster")),
    "load" => await LoadBenchmark.RunAsync(env, clients: Arg("--clients", 8), seconds: Arg("--seconds", 60), batch: Arg("--batch", 200)),
    "metrics" => await MetricsBenchmark.RunAsync(env, scale: Arg("--scale", 170), repetitions: Arg("--runs", 20), keep: Text("--keep"), cluster: args.Contains("--cluster")),
    "report" => await ReportBenchmark.RunAsync(env, scale: Arg("--scale", 10), repetitions: Arg("--runs", 3), keep: Text("--keep")),
    "web" => await WebBenchmark.RunAsync(env, repetitions: Arg("--runs", 20), keep: Text("--keep")),
    _ => Usage(),
};

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static int Usage()
{
    Console.Error.WriteLine("usage: ./bench.sh ingest [--events N] [--clients N] [--cluster]\n       ./bench.sh metrics [--scale N] [--runs N] [--keep DATABASE] [--cluster]\n       ./bench.sh load [--clients N] [--seconds N] [--batch N]\n       ./bench.sh report [--scale N (x5 teams)] [--runs N] [--keep DATABASE]\n       ./bench.sh web [--runs N] [--keep DATABASE]");
    return 2;
}
