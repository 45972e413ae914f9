using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Notes;

/// <summary>
/// The signing rules, in one place for the API and the pages: draft → signed (locked); a
/// supervised author's note then waits for a co-signature; afterwards only addenda.
/// </summary>
public static class NoteSigning
{
    /// <summary>A note signed more than this many days after its service date is a late entry and must say why.</summary>
    public const int LateEntryAfterDays = 3;

    public static bool IsLate(DateOnly serviceDate, DateOnly signedOn) => signedOn.DayNumber - serviceDate.DayNumber > LateEntryAfterDays;

    /// <summary>The answer to any attempt to change or delete a signed note: 409, pointing to addenda.</summary>
    public static Refusal? Locked(ISignedRecord record, string addendaLink)
    {
        if (record.Status == NoteStatus.Draft) return null;
        return Refusal.Conflict("Signed notes are locked",
            $"This note was signed by {record.SignedByName} on {record.SignedAt:MMM d, yyyy} and can no longer be changed or deleted. " +
            $"To correct or add to it, write an addendum: POST {addendaLink}.",
            new Dictionary<string, object?> { ["addenda"] = addendaLink });
    }

    /// <summary>Signs a draft as its author. <paramref name="today"/> is the day in the program's time zone.</summary>
    public static Refusal? Sign(ISignedRecord record, StaffMember signer, DateOnly today, DateTimeOffset now, string? lateEntryReason, string addendaLink)
    {
        if (Locked(record, addendaLink) is { } locked) return locked;
        if (record.AuthorStaffId != signer.Id)
            return Refusal.Forbidden($"Only the author, {record.AuthorName}, can sign this note: a signature attests who wrote it.");
        if (record.ServiceDate > today)
            return Refusal.Invalid("serviceDate", "The service date is in the future; a note documents a service that has happened.");
        var late = IsLate(record.ServiceDate, today);
        if (late && string.IsNullOrWhiteSpace(lateEntryReason))
            return Refusal.Invalid("lateEntryReason",
                $"This note is signed more than {LateEntryAfterDays} days after the service ({record.ServiceDate:MMM d}), so it is a late entry: say why it is late.");
        if (lateEntryReason is { Length: > 1000 })
            return Refusal.Invalid("lateEntryReason", "The late-entry reason is at most 1000 characters.");
        record.SignedAt = now;
        record.SignedByStaffId = signer.Id;
        record.SignedByName = ClinicalStaff.SignatureName(signer);
        record.IsLateEntry = late;
        record.LateEntryReason = late ? lateEntryReason!.Trim() : null;
        record.CosignRequired = signer.RequiresSupervision;
        record.CosignerStaffId = signer.RequiresSupervision ? signer.SupervisorId : null;
        record.Status = signer.RequiresSupervision ? NoteStatus.AwaitingCosignature : NoteStatus.Locked;
        return null;
    }

    /// <summary>
    /// Co-signs a supervised author's note: the supervisor on record, or a program director when
    /// none is on record or the supervisor is away, but never the author.
    /// </summary>
    public const string StaleCosign = "The note changed after you opened it. Nothing was co-signed: read it again below, then co-sign.";

    /// <summary>Who may co-sign a note in its present state: null when this cosigner may.</summary>
    public static Refusal? MayCosign(ISignedRecord record, StaffMember cosigner, bool isProgramDirector)
    {
        if (record.Status == NoteStatus.Draft)
            return Refusal.Conflict("Not signed yet", "The author has not signed this note yet; it can be co-signed after.");
        if (record.Status == NoteStatus.Locked)
            return Refusal.Conflict("Nothing to co-sign", record.CosignedAt is null
                ? "This note does not need a co-signature."
                : $"This note was already co-signed by {record.CosignedByName} on {record.CosignedAt:MMM d, yyyy}.");
        if (record.AuthorStaffId == cosigner.Id || record.SignedByStaffId == cosigner.Id)
            return Refusal.Forbidden("The author cannot co-sign their own note.");
        if (record.CosignerStaffId != cosigner.Id && !isProgramDirector)
            return Refusal.Forbidden("Only the author's supervisor or a program director can co-sign this note.");
        return null;
    }

    /// <summary>Co-sign, once <see cref="MayCosign"/> and the version the cosigner read have both said yes.</summary>
    public static void Cosign(ISignedRecord record, StaffMember cosigner, DateTimeOffset now)
    {
        record.CosignedAt = now;
        record.CosignedByStaffId = cosigner.Id;
        record.CosignedByName = ClinicalStaff.SignatureName(cosigner);
        record.Status = NoteStatus.Locked;
    }

    public static void CopySignature(ISignedRecord from, ISignedRecord to)
    {
        to.Status = from.Status;
        to.SignedAt = from.SignedAt;
        to.SignedByStaffId = from.SignedByStaffId;
        to.SignedByName = from.SignedByName;
        to.IsLateEntry = from.IsLateEntry;
        to.LateEntryReason = from.LateEntryReason;
        to.CosignRequired = from.CosignRequired;
        to.CosignerStaffId = from.CosignerStaffId;
        to.CosignedAt = from.CosignedAt;
        to.CosignedByStaffId = from.CosignedByStaffId;
        to.CosignedByName = from.CosignedByName;
    }

    public static string StatusText(ISignedRecord r) => r.Status switch
    {
        NoteStatus.Draft => "Draft",
        NoteStatus.AwaitingCosignature => "Signed, awaiting co-signature",
        _ => r.CosignedAt is null ? "Signed" : "Signed and co-signed",
    };
}
