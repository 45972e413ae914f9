namespace Trellis.Web.Features.Telehealth;

/// <summary>Settings under <c>Telehealth</c>.</summary>
public sealed class TelehealthOptions
{
    /// <summary>The clinic's own video service, e.g. a Jitsi Meet at https://meet.example.org: a generated link is this plus an unguessable room name. None: staff paste links.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>How many minutes before the start the portal shows the link (it shows it until the end).</summary>
    public int WindowMinutes { get; set; } = 15;
}
