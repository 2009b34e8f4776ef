package cn.changji.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.changji.archive.article.Byline;

class BylineParserTest {

    private static Byline reporter(String name) {
        return new Byline(name, Byline.REPORTER);
    }

    private static Byline correspondent(String name) {
        return new Byline(name, Byline.CORRESPONDENT);
    }

    @Test
    void newsLeadWithReporterOnly() {
        var lead = BylineParser.lead("本报讯 记者左晓雨报道:4月14日下午,昌吉回族自治州与中国科学院举行科技合作座谈会。").orElseThrow();
        assertEquals(List.of(reporter("左晓雨")), lead.bylines());
        assertEquals("4月14日下午,昌吉回族自治州与中国科学院举行科技合作座谈会。", lead.rest());
    }

    @Test
    void newsLeadWithReporterAndCorrespondent() {
        var lead = BylineParser.lead("本报讯 记者刘辉、通讯员黄杰报道:4月9日,木垒县新能源产业发展联盟第一届大会召开").orElseThrow();
        assertEquals(List.of(reporter("刘辉"), correspondent("黄杰")), lead.bylines());
    }

    @Test
    void namesBrokenByStraySpacesAreJoined() {
        var lead = BylineParser.lead("本报讯 记者杨鹤、通讯员毛著 魏报道:1月25日,昌吉州2023年度").orElseThrow();
        assertEquals(List.of(reporter("杨鹤"), correspondent("毛著魏")), lead.bylines());
        assertEquals(List.of(new Byline("杨鹤", Byline.PHOTOGRAPHER)), BylineParser.photoCredit("□本报记者 杨 鹤摄").orElseThrow());
    }

    @Test
    void severalCorrespondentsAndNamesWithMiddleDot() {
        assertEquals(List.of(correspondent("吴建设"), correspondent("李肖南")),
            BylineParser.lead("本报讯 通讯员吴建设、李肖南报道:年初,中共中央办公厅").orElseThrow().bylines());
        assertEquals(List.of(reporter("苻苻·马汗"), correspondent("宋华敏")),
            BylineParser.lead("本报讯 记者苻苻·马汗、通讯员宋华敏报道:3月26日,昌吉国家高新技术").orElseThrow().bylines());
    }

    @Test
    void leadWithoutBaodaoEndsAtTheDate() {
        var lead = BylineParser.lead("本报讯 记者刘茜、通讯员高晓阳 12月11日从昌吉州科学技术局获悉:2023年").orElseThrow();
        assertEquals(List.of(reporter("刘茜"), correspondent("高晓阳")), lead.bylines());
        assertTrue(lead.rest().startsWith("12月11日从昌吉州科学技术局获悉"));
    }

    @Test
    void bylineLines() {
        assertEquals(List.of(reporter("刘茜"), correspondent("郭鹏飞")), BylineParser.bylineLine("□本报记者 刘茜 通讯员 郭鹏飞").orElseThrow());
        assertEquals(List.of(reporter("常谊谊"), correspondent("石倩")), BylineParser.bylineLine("本报记者 常谊谊 通讯员 石倩").orElseThrow());
        assertEquals(List.of(reporter("王薇")), BylineParser.bylineLine("□本报记者 王薇").orElseThrow());
        assertTrue(BylineParser.bylineLine("□本报记者 何龙摄").isEmpty());
    }

    @Test
    void photoCreditsInEveryForm() {
        var photographer = List.of(new Byline("何龙", Byline.PHOTOGRAPHER));
        assertEquals(photographer, BylineParser.photoCredit("□本报记者 何龙摄").orElseThrow());
        assertEquals(List.of(new Byline("陈传松", Byline.PHOTOGRAPHER)), BylineParser.photoCredit("本报记者 陈传松 摄").orElseThrow());
        assertEquals(List.of(new Byline("梁宏涛", Byline.PHOTOGRAPHER)), BylineParser.photoCredit("梁宏涛 摄").orElseThrow());
        assertTrue(BylineParser.photoCredit("新疆天山面粉小麦食品加工产业园区内,工人正在包装面粉").isEmpty());
    }

    @Test
    void commentarySignature() {
        assertEquals(new Byline("王新斌", Byline.COMMENTATOR), BylineParser.signature("□王新斌").orElseThrow());
        assertTrue(BylineParser.signature("□本报记者 刘茜").isEmpty());
    }
}
