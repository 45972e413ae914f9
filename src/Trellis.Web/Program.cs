using Trellis.Web.Hosting;
using Trellis.Web.Infrastructure;

var command = Cli.IsCommand(args);
// Command words are not configuration; options after them are read by the command itself.
var builder = WebApplication.CreateBuilder(command ? [] : args);
builder.AddTrellis();
var app = builder.Build();

if (command) return await Cli.RunAsync(app, args);

await DatabaseStartup.PrepareAsync(app);
app.UseTrellis();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
