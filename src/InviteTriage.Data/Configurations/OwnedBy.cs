using InviteTriage.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InviteTriage.Data.Configurations;

internal static class OwnedBy
{
    /// <summary>Every row of a user's data belongs to that user and goes when the user goes.</summary>
    public static void HasOwner<T>(this EntityTypeBuilder<T> builder, System.Linq.Expressions.Expression<Func<T, object?>> owner)
        where T : class =>
        builder.HasOne<TriageUser>().WithMany().HasForeignKey(owner!).OnDelete(DeleteBehavior.Cascade);
}
