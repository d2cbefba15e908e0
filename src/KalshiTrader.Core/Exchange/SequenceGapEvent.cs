namespace KalshiTrader.Core.Exchange;

/// <summary>
/// A sequenced channel other than the order book (trades, for one) skipped seqs on subscription <see cref="Sid"/>:
/// messages between <see cref="ExpectedSeq"/> and <see cref="ReceivedSeq"/> were lost. Order-book gaps arrive as
/// <see cref="BooksInvalidatedEvent"/> instead, because the books must be dropped; a feed may report those here too.
/// </summary>
public sealed record SequenceGapEvent(string Channel, long Sid, long ExpectedSeq, long ReceivedSeq) : FeedEvent;
