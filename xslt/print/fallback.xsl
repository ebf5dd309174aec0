<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer, lowest precedence: elements that carry no print formatting of their own are
     rendered as their content (imported first so every specific rule wins over these). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- An element with words that stands between paragraphs and has no print rule of its own (a
       back matter register, an unknown block, a title page's parts): one numbered paragraph, so no
       word is lost and reledmac is never given text outside \pstart…\pend.  A title page and its
       docTitle hold such blocks (titlePart, byline, docImprint …); a docImprint is one paragraph,
       its docDate, page break and publisher included.  An element of another namespace between
       paragraphs (frus:attachment) holds blocks the same way.  An opener's address or name and a
       postscript's label ("P.S.") are paragraphs too (the opener's dateline and salute have rules
       of their own), and so is a block of a reading between paragraphs (a quotation or a bibl in
       the lem of an app that stands between paragraphs).  One whose words stand around a list, verse or a quotation of paragraphs (a
       trailer, a title part, a byline holding a list) is one paragraph split around each block
       (`paragraph` in text.xsl); one that holds only blocks (an argument of paragraphs) is their
       container.  A phrase-level element among a container's blocks (a name, a ref, a number in a
       division, an opener or a speech) is words of a run, which `blocks` (text.xsl) makes one
       paragraph with the words beside it.  (One rule: its match is tried on every element no other
       rule takes.) -->
  <xsl:template match="*[parent::tei:body or parent::tei:div or parent::tei:front or parent::tei:back or parent::tei:sp
                         or parent::tei:lg or parent::tei:list or parent::tei:castList or parent::tei:castGroup or parent::tei:group or parent::tei:set
                         or parent::tei:titlePage or parent::tei:docTitle or parent::tei:opener or parent::tei:postscript
                         or parent::*[not(self::tei:*)][parent::tei:div or parent::tei:body or parent::tei:front or parent::tei:back]
                         or parent::*[self::tei:lem or self::tei:rdg]/parent::tei:app[parent::tei:div or parent::tei:body or parent::tei:opener]]
                        [normalize-space() or .//tei:gap]
                        [not(tei:sp | tei:div | tei:item | tei:castItem | tei:castList | tei:speaker | tei:opener | tei:closer
                         | tei:dateline | tei:salute | tei:signed[not(parent::tei:closer)] | tei:postscript)]
                        [not(self::tei:set or self::*[not(self::tei:*)])
                         or not(tei:head | tei:stage | tei:titlePart | tei:docTitle | tei:docImprint
                                | tei:docDate[not(parent::tei:docImprint)] | tei:byline | tei:trailer | tei:note)]
                        [not(parent::tei:body or parent::tei:div or parent::tei:front or parent::tei:back or parent::tei:sp
                             or parent::tei:lg or parent::tei:castList or parent::tei:castGroup or parent::tei:opener
                             or parent::tei:postscript or parent::tei:titlePage or parent::tei:docTitle or parent::tei:list
                             or parent::tei:set or parent::*[self::tei:lem or self::tei:rdg]/parent::tei:app[parent::tei:div
                             or parent::tei:body or parent::tei:opener]) or not(self::tei:name or self::tei:time or self::tei:foreign
                             or self::tei:term or self::tei:gloss or self::tei:mentioned or self::tei:soCalled or self::tei:distinct
                             or self::tei:ref or self::tei:num or self::tei:measure or self::tei:measureGrp or self::tei:roleName
                             or self::tei:forename or self::tei:surname or self::tei:addName or self::tei:genName
                             or self::tei:nameLink or self::tei:abbr or self::tei:expan or self::tei:orig or self::tei:reg
                             or self::tei:corr or self::tei:damage or self::tei:restore or self::tei:w or self::tei:c
                             or self::tei:pc or self::tei:g or self::tei:seg or self::tei:idno or self::tei:email)]">
    <xsl:choose>
      <xsl:when test="(tei:p | tei:ab | tei:l | tei:lg | tei:list | tei:quote | tei:table | tei:figure[tei:p or tei:ab or tei:lg or tei:l or tei:list or tei:head])
                      and not(node()[normalize-space() or self::tei:gap][not(self::tei:p or self::tei:ab or self::tei:l or self::tei:lg
                              or self::tei:list or self::tei:quote or self::tei:table or self::tei:figure[tei:p or tei:ab or tei:lg or tei:l or tei:list or tei:head]
                              or self::tei:pb or self::tei:fw)])">
        <xsl:apply-templates/>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="paragraph"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="reading">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
</xsl:stylesheet>
