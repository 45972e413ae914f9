using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.Documents;

/// <summary>A participant's intake packet as they would read it now, and what of it they signed (through the scope filters).</summary>
public sealed record ParticipantPacket(Participant Participant, string Clinic, IReadOnlyList<PacketDocument> Documents, IReadOnlyList<SignedDocument> Signed)
{
    public SignedDocument? SignatureOf(PacketDocument d) => Signed.FirstOrDefault(s => s.TemplateKey == d.Key && s.TemplateVersion == d.Version);
}

public static class Packet
{
    public static async Task<ParticipantPacket?> LoadAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var p = await Clinical.Charts.FindAsync(db, participantId, ct);
        if (p?.Program is null) return null;
        var clinic = await db.Clinic.AsNoTracking().Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "the clinic";
        var signed = await db.Set<SignedDocument>().AsNoTracking().Where(s => s.ParticipantId == participantId).OrderBy(s => s.SignedAt)
            .Select(s => new SignedDocument { Id = s.Id, ParticipantId = s.ParticipantId, TemplateKey = s.TemplateKey, TemplateVersion = s.TemplateVersion, Title = s.Title,
                TextSha256 = s.TextSha256, TypedName = s.TypedName, SignedAt = s.SignedAt, ClientAddress = s.ClientAddress, Version = s.Version })
            .ToListAsync(ct);
        return new ParticipantPacket(p, clinic, IntakePacket.For(p, p.Program, clinic, p.Today(db.Now)), signed);
    }
}
