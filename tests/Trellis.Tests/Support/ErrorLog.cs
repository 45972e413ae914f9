using Microsoft.Extensions.Logging;

namespace Trellis.Tests.Support;

/// <summary>
/// Writes every error the app logs during tests to .test-output/server-errors.log, so a 500 seen
/// by a test comes with its exception (the test runner does not show the app's console).
/// </summary>
public sealed class ErrorLogProvider : ILoggerProvider
{
    private static readonly Lock Gate = new();
    public static readonly string PathName = System.IO.Path.Combine(FindRoot(), ".test-output", "server-errors.log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(categoryName);
    public void Dispose() { }

    private sealed class FileLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Error;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(level)) return;
            lock (Gate)
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(PathName)!);
                // Shared for writing: ./test.sh runs the SQLite and PostgreSQL tests at once.
                using var file = new FileStream(PathName, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                file.Write(System.Text.Encoding.UTF8.GetBytes($"[{DateTime.UtcNow:O}] {level} {category}: {formatter(state, exception)}\n{exception}\n\n"));
            }
        }
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "Trellis.slnx"))) dir = System.IO.Path.GetDirectoryName(dir);
        return dir ?? System.IO.Path.GetTempPath();
    }
}
