using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Support;

/// <summary>One route of a Razor page, as the routing table has it, with who the page admits.</summary>
public sealed record PageRoute(string Template, Type Page, AuthorizeAttribute? Authorize)
{
    /// <summary>Whether a role passes the page's own policy (a page may still answer 403 or 404 for what it shows).</summary>
    public bool Admits(string? role) => Authorize is null
        || role is not null && (Authorize.Policy is not { } policy || Permissions.RolesOf(policy).Contains(role));
}

/// <summary>
/// Every page route of the app, read from the components' [Route] attributes (what @page compiles to),
/// so a new page is covered the day it is added. Route parameters are filled with ids of real demo
/// records, or with ids that exist nowhere.
/// </summary>
public static class PageRoutes
{
    public static IReadOnlyList<PageRoute> All() => typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new PageRoute(r.Template, t, t.GetCustomAttribute<AuthorizeAttribute>())))
        .OrderBy(r => r.Template, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The demo record a parameter names, by the path segment before it (/participants/{Id}, /tasks/{Id},
    /// /give/{Code}). A new kind of route parameter fails the sweep until it is added here.
    /// </summary>
    private static readonly Dictionary<string, string> EntityBefore = new()
    {
        ["participants"] = "Participant", ["programs"] = "TreatmentProgram", ["settings"] = "TreatmentProgram",
        ["tracks"] = "Track", ["rooms"] = "Room", ["admissions"] = "AdmissionCase", ["allergies"] = "Allergy",
        ["appointments"] = "Appointment", ["authorizations"] = "InsuranceAuthorization", ["coping-skills"] = "CopingSkill",
        ["drug-tests"] = "DrugTest", ["group-sessions"] = "GroupSession", ["sessions"] = "GroupSession",
        ["medications"] = "Medication", ["notes"] = "ClinicalNote", ["referrals"] = "Referral", ["resources"] = "CommunityResource",
        ["templates"] = "SessionTemplate", ["staff"] = "StaffMember", ["tasks"] = "CareTask", ["risk-flags"] = "RiskFlag",
        ["accounts"] = "Participant", ["charges"] = "Charge", ["claims"] = "Claim", ["coverages"] = "PayerCoverage", ["payers"] = "Payer", ["fee-schedules"] = "FeeSchedule",
        ["remittances"] = "Remittance", ["follow-ups"] = "FollowUpContact",
    };

    /// <summary>Values that are not record ids: an instrument's code, a plan's version number.</summary>
    private static readonly Dictionary<string, (string Real, string Unknown)> ValueBefore = new()
    {
        ["give"] = ("phq-9", "no-such-instrument"),
        ["measures"] = ("phq-9", "no-such-instrument"),
        ["documents"] = ("consent-to-treatment", "no-such-document"),
        ["versions"] = ("1", "999"),
        ["status"] = ("403", "999"),
    };

    /// <summary>The URL with every parameter filled: with demo records (<paramref name="real"/>) or with ids that exist nowhere.</summary>
    public static async Task<string> FillAsync(TrellisDbContext db, string template, bool real, Guid participantId)
    {
        var segments = template.Trim('/').Split('/');
        var url = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (!s.StartsWith('{')) { url.Add(s); continue; }
            var before = i > 0 ? segments[i - 1] : "";
            if (ValueBefore.TryGetValue(before, out var value)) { url.Add(real ? value.Real : value.Unknown); continue; }
            if (!EntityBefore.TryGetValue(before, out var entity))
                throw new InvalidOperationException($"{template}: no demo record is known for a parameter after '/{before}/'. Add one to PageRoutes.");
            url.Add(!real ? Guid.NewGuid().ToString()
                : entity == "Participant" ? participantId.ToString()
                : (await FirstIdAsync(db, entity))?.ToString() ?? Guid.NewGuid().ToString());
        }
        return "/" + string.Join("/", url);
    }

    private static async Task<Guid?> FirstIdAsync(TrellisDbContext db, string entity)
    {
        var type = db.Model.GetEntityTypes().Select(t => t.ClrType).FirstOrDefault(t => t.Name == entity && typeof(Entity).IsAssignableFrom(t))
            ?? throw new InvalidOperationException($"No entity type {entity} in the model.");
        var method = typeof(PageRoutes).GetMethod(nameof(FirstOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        return await (Task<Guid?>)method.Invoke(null, [db])!;
    }

    private static async Task<Guid?> FirstOfAsync<T>(TrellisDbContext db) where T : Entity =>
        await db.Set<T>().IgnoreQueryFilters().OrderBy(e => e.Id).Select(e => (Guid?)e.Id).FirstOrDefaultAsync();
}
