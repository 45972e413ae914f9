using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;

namespace Trellis.Web.Hosting;

/// <summary>Tells the person who just ran the app where it is and how to sign in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine();
        Console.WriteLine($"Trellis is running at {url}");
        Console.WriteLine($"  Sign in:        {url}/account/login");
        Console.WriteLine($"  API reference:  {url}/api/reference   (OpenAPI: {url}/openapi/v1.json)");
        if (DatabaseStartup.DemoMode(app.Configuration, app.Environment))
        {
            Console.WriteLine($"  Demo accounts (password {DemoSeeder.Password}):");
            foreach (var role in Roles.All) Console.WriteLine($"    {DemoSeeder.EmailFor(role),-40} {Roles.Label(role)}");
            Console.WriteLine("  The demo clinician, prescriber and case manager see the Adult Mental Health program only.");
        }
        else
        {
            Console.WriteLine("  Create the first administrator with: dotnet run --project src/Trellis.Web -- admin create --email you@clinic.org");
        }
        Console.WriteLine();
    }
}
