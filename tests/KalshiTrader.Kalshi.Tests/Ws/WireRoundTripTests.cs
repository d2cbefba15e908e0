using System.Text;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Kalshi.Wire.Ws;
using static KalshiTrader.Kalshi.Tests.Support.WsFixtures;

namespace KalshiTrader.Kalshi.Tests.Ws;

/// <summary>What the local exchange writes with the wire DTOs, the client's parser must read back unchanged.</summary>
public sealed class WireRoundTripTests
{
    [Fact]
    public void EveryOwnFixtureDeserializesIntoTheWireTypes()
    {
        foreach (var line in Lines("orderbook.jsonl").Concat(Lines("account.jsonl")).Concat(Lines("lifecycle.jsonl")))
        {
            var type = WsJson.Deserialize<WsBareMessage>(line)!.Type;
            object? msg = type switch
            {
                "orderbook_snapshot" => WsJson.Deserialize<WsMessage<WsOrderbookSnapshot>>(line)!.Msg,
                "orderbook_delta" => WsJson.Deserialize<WsMessage<WsOrderbookDelta>>(line)!.Msg,
                "fill" => WsJson.Deserialize<WsMessage<WsFill>>(line)!.Msg,
                "user_order" => WsJson.Deserialize<WsMessage<WsUserOrder>>(line)!.Msg,
                "market_position" => WsJson.Deserialize<WsMessage<WsMarketPosition>>(line)!.Msg,
                "order_group_updates" => WsJson.Deserialize<WsMessage<WsOrderGroupUpdate>>(line)!.Msg,
                "market_lifecycle_v2" => WsJson.Deserialize<WsMessage<WsMarketLifecycle>>(line)!.Msg,
                "event_lifecycle" => WsJson.Deserialize<WsMessage<WsEventLifecycle>>(line)!.Msg,
                "event_fee_update" => WsJson.Deserialize<WsMessage<WsEventFeeUpdate>>(line)!.Msg,
                _ => null,
            };
            Assert.True(msg is not null, $"no wire type read {type}");
        }
    }

    [Fact]
    public void SerializedDeltaParsesBackToTheSameEvent()
    {
        var json = WsJson.Message(WsMessageTypes.OrderbookDelta, new WsOrderbookDelta
        {
            MarketTicker = "KXA-1",
            MarketId = "m",
            PriceDollars = "0.0770",
            DeltaFp = "-12.37",
            Side = "no",
            ClientOrderId = "kt-1",
            TsMs = 1770897981123,
        }, sid: 3, seq: 42);

        var d = Assert.IsType<BookDeltaEvent>(Parse(json).Event);

        Assert.Equal((3L, 42L, Outcome.No), (d.Sid, d.Seq, d.Side));
        Assert.Equal(Price.Parse("0.0770"), d.Price);
        Assert.Equal(Quantity.Parse("-12.37"), d.Delta);
        Assert.Equal("kt-1", d.ClientOrderId!.Value.Value);
        Assert.DoesNotContain("\"price\":", json, StringComparison.Ordinal); // absent optional fields are omitted
    }

    [Fact]
    public void SerializedSnapshotParsesBackWithBothSides()
    {
        var json = WsJson.Message(WsMessageTypes.OrderbookSnapshot, new WsOrderbookSnapshot
        {
            MarketTicker = "KXA-1",
            YesDollarsFp = [["0.0100", "5.00"], ["0.4200", "1.50"]],
            NoDollarsFp = [["0.5500", "2.00"]],
        }, sid: 1, seq: 1);

        var s = Assert.IsType<BookSnapshotEvent>(Parse(json).Event);

        Assert.Equal(2, s.YesBids.Length);
        Assert.Equal(Price.Parse("0.5500"), s.NoBids[0].Price);
    }

    [Fact]
    public void ClearedFeeOverridesAreWrittenAsNull()
    {
        var json = WsJson.Message(WsMessageTypes.EventFeeUpdate, new WsEventFeeUpdate { EventTicker = "E" }, sid: 1, seq: 1);

        Assert.Contains("\"fee_type_override\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"fee_multiplier_override\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandsSerializeAsKalshiExpects()
    {
        var json = WsJson.Serialize(new WsCommand
        {
            Id = 7,
            Cmd = WsCommands.UpdateSubscription,
            Params = new WsCommandParams { Sid = 3, MarketTickers = ["A", "B"], Action = WsActions.GetSnapshot },
        });

        Assert.Equal("""{"id":7,"cmd":"update_subscription","params":{"market_tickers":["A","B"],"sid":3,"action":"get_snapshot"}}""", json);
    }

    [Fact]
    public void ListSubscriptionsReplySerializesAsAnArrayBody()
    {
        var json = WsJson.Serialize(new WsMessage<IReadOnlyList<WsSubscriptionInfo>>
        {
            Type = WsMessageTypes.Ok,
            Id = 3,
            Msg = [new WsSubscriptionInfo { Channel = "ticker", Sid = 2 }],
        });

        var frame = new WsFrameParser().Parse(Encoding.UTF8.GetBytes(json), Received);

        Assert.Equal([new WsSubscriptionRef("ticker", 2)], frame.Subscriptions);
    }
}
