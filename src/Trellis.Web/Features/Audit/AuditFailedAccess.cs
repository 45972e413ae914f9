using Trellis.Web.Data;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// Records API requests for a record that came back 404: a chart outside the caller's programs
/// answers exactly like a missing one, and a run of these is what probing for charts looks like.
/// </summary>
internal sealed class AuditFailedAccess(TrellisDbContext db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var result = await next(ctx);
        // Handlers return Results<…> unions; the status is on the result inside.
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is IStatusCodeHttpResult { StatusCode: 404 } && ctx.HttpContext.Request.RouteValues.TryGetValue("id", out var id)
            && ctx.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            var resource = ctx.HttpContext.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault();
            db.Audit(AuditActions.Read, resource, id, null, "Failure: not found or out of scope",
                $"{ctx.HttpContext.Request.Method} {ctx.HttpContext.Request.Path}");
            await db.SaveChangesAsync();
        }
        return result;
    }
}
