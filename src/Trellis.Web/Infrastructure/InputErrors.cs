namespace Trellis.Web.Infrastructure;

/// <summary>
/// An input's own rules (<see cref="Validation"/>) and an action's rules that need the database,
/// gathered into one refusal, so a person sees every message at once (a field may have several).
/// </summary>
public sealed class InputErrors(object input, string prefix = "")
{
    private readonly Dictionary<string, string[]> errors = Validation.ToDictionary(Validation.Validate(input, prefix));

    public bool Has(string path) => errors.ContainsKey(path);

    public void Add(string path, string message) =>
        errors[path] = errors.TryGetValue(path, out var had) ? had.Contains(message) ? had : [.. had, message] : [message];

    /// <summary>Null when nothing is wrong; otherwise the 400 naming every field at fault.</summary>
    public Refusal? Refusal => errors.Count == 0 ? null : Infrastructure.Refusal.Invalid(errors);
}
