using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Invitations;

/// <summary>
/// The queries behind one inbox page: what the filter matches, the same in the filter's order, and, when sorting by
/// company, the invitations without one, which follow the others.
/// </summary>
internal sealed record InboxQueries(IQueryable<Invitation> Matching, IOrderedQueryable<Invitation> Ordered, IOrderedQueryable<Invitation>? CompanyLess);
