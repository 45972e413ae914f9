using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Reminders;

public enum ReminderChannel { Email, Sms }

/// <summary>
/// Which reminders a participant wants, and how: one row per participant, made the first time they save their choices.
/// Without a row every kind is on, by email (or by text when only a phone number is on file). Chart-owned: scoped, and
/// every change is audited.
/// </summary>
public sealed class ReminderPreferences : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public ReminderChannel Channel { get; set; } = ReminderChannel.Email;
    public bool Sessions { get; set; } = true;
    public bool Appointments { get; set; } = true;
    public bool MissedSessions { get; set; } = true;
    public bool Measures { get; set; } = true;
    public bool Documents { get; set; } = true;

    public static ReminderPreferences Default(Participant p) => new()
    {
        ParticipantId = p.Id,
        Channel = string.IsNullOrWhiteSpace(p.Email) && !string.IsNullOrWhiteSpace(p.Phone) ? ReminderChannel.Sms : ReminderChannel.Email,
    };
}

internal sealed class ReminderPreferencesConfiguration : IEntityTypeConfiguration<ReminderPreferences>
{
    public void Configure(EntityTypeBuilder<ReminderPreferences> b)
    {
        b.ToTable("ReminderPreferences");
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ParticipantId).IsUnique();
    }
}

/// <summary>The participant's choices; the body of PUT /api/me/reminder-preferences and what its GET answers.</summary>
[AcceptsRepresentation(typeof(ReminderPreferencesDto))]
public sealed class ReminderPreferencesInput
{
    /// <summary>"email" or "sms".</summary>
    [Required(ErrorMessage = "Choose email or text message.")] public ReminderChannel? Channel { get; set; }
    [Required] public bool? Sessions { get; set; }
    [Required] public bool? Appointments { get; set; }
    [Required] public bool? MissedSessions { get; set; }
    [Required] public bool? Measures { get; set; }
    [Required] public bool? Documents { get; set; }

    public static ReminderPreferencesInput From(ReminderPreferences p) => new()
    {
        Channel = p.Channel, Sessions = p.Sessions, Appointments = p.Appointments, MissedSessions = p.MissedSessions, Measures = p.Measures, Documents = p.Documents,
    };
}

public sealed record ReminderPreferencesDto(ReminderChannel Channel, bool Sessions, bool Appointments, bool MissedSessions, bool Measures, bool Documents,
    string? Email, string? Phone, long Version)
{
    public static ReminderPreferencesDto From(ReminderPreferences p, Participant who) =>
        new(p.Channel, p.Sessions, p.Appointments, p.MissedSessions, p.Measures, p.Documents, who.Email, who.Phone, p.Version);
}
