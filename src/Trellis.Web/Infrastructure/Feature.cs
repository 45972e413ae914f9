using System.Reflection;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// A feature folder's one entry point: it registers its own services and extension points (menu items,
/// chart tabs and flags, home cards, demo data) and maps its own routes. The app finds every feature
/// by this interface, so the composition root names none of them and adding a feature touches only
/// its folder.
/// </summary>
public interface IFeature
{
    static abstract void Register(IServiceCollection services, IConfiguration config);

    /// <summary>Routes under /api (the group already requires a bearer token and audits refusals).</summary>
    static virtual void MapApi(RouteGroupBuilder api) { }

    /// <summary>Routes outside /api (calendar feeds, account form posts).</summary>
    static virtual void MapEndpoints(IEndpointRouteBuilder app) { }
}

public static class Features
{
    private static IEnumerable<Type> All() => typeof(IFeature).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IFeature).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    public static void AddFeatures(this IServiceCollection services, IConfiguration config)
    {
        foreach (var t in All()) Invoke(nameof(RegisterOne), t, services, config);
    }

    public static void MapFeatures(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        foreach (var t in All())
        {
            Invoke(nameof(MapApiOne), t, api);
            Invoke(nameof(MapEndpointsOne), t, app);
        }
    }

    private static void RegisterOne<T>(IServiceCollection services, IConfiguration config) where T : IFeature => T.Register(services, config);
    private static void MapApiOne<T>(RouteGroupBuilder api) where T : IFeature => T.MapApi(api);
    private static void MapEndpointsOne<T>(IEndpointRouteBuilder app) where T : IFeature => T.MapEndpoints(app);

    private static void Invoke(string method, Type feature, params object[] args) =>
        typeof(Features).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(feature).Invoke(null, args);
}
