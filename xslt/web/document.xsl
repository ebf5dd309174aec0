<?xml version="1.0" encoding="UTF-8"?>
<!-- The text of one TEI document as an HTML fragment for the web edition.

     Output root: <div class="edition-text">, holding the text (div.tei-text) and its footnotes
     (section.footnotes).  With $wit set, the text as that witness reads it (for the synoptic
     view): no apparatus, no ids, readings of that witness marked as differences.
     Nothing from the document is copied through: every element is rebuilt, every attribute value
     that reaches HTML is either a number, a register id, a sanitised token or an http(s) URL. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="fallback.xsl"/>
  <xsl:import href="../common/core.xsl"/>
  <xsl:import href="inline.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <!-- Witness to render alone (its xml:id); empty: the apparatus view -->
  <xsl:param name="wit" select="''"/>
  <!-- Witness the apparatus view shows first (its xml:id) -->
  <xsl:param name="default-wit" select="(//tei:listWit/tei:witness/@xml:id)[1]"/>
  <xsl:param name="register-base" select="'../register/'"/>
  <xsl:param name="timeline" select="'../timeline.html'"/>

  <xsl:variable name="docid" select="/tei:TEI/@xml:id"/>
  <xsl:variable name="apparatus" select="not(string($wit))"/>

  <xsl:template match="/">
    <div class="edition-text">
      <div class="tei-text" lang="{(/tei:TEI/tei:text/@xml:lang | /tei:TEI/@xml:lang)[1]}">
        <xsl:apply-templates select="/tei:TEI/tei:text/tei:body/*"/>
      </div>
      <xsl:if test="$apparatus">
        <xsl:variable name="footnotes" select="/tei:TEI/tei:text//tei:note[not(@type = 'docket' or @type = 'stamp'
            or @type = 'handwritten' or @place = 'top' or @place = 'bottom' or @place = 'margin')]"/>
        <xsl:if test="$footnotes">
          <section class="footnotes" aria-labelledby="{$docid}-notes-h">
            <h2 id="{$docid}-notes-h">Notes</h2>
            <ol>
              <xsl:apply-templates select="$footnotes" mode="footnote"/>
            </ol>
          </section>
        </xsl:if>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ===== blocks ===== -->
  <xsl:template match="tei:div">
    <section class="div div-{@type}">
      <xsl:if test="$wit">
        <xsl:attribute name="data-block"><xsl:value-of select="count(preceding-sibling::*)"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'document']">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:head">
    <h2 class="tei-head"><xsl:call-template name="block-attrs"/><xsl:apply-templates/></h2>
  </xsl:template>

  <xsl:template match="tei:list/tei:head">
    <span class="list-head"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab">
    <p>
      <xsl:call-template name="block-attrs"/>
      <xsl:if test="@rend = 'box-mark'"><span class="box-mark dipl" title="paragraph mark of the witness">□ </span></xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:dateline | tei:postscript | tei:salute | tei:signed[parent::tei:div]">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:list">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:choose>
        <xsl:when test="@rend = 'numbered'"><ol><xsl:apply-templates select="tei:item"/></ol></xsl:when>
        <xsl:otherwise><ul><xsl:apply-templates select="tei:item"/></ul></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:if test="@n and number(@n) = number(@n)"><xsl:attribute name="value"><xsl:value-of select="number(@n)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <!-- class="tei-{name} {type} {rend}", and the block's position for the synoptic rows -->
  <xsl:template name="block-attrs">
    <xsl:attribute name="class">
      <xsl:value-of select="concat('tei-', local-name())"/>
      <xsl:if test="@type"><xsl:text> type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:if>
      <xsl:if test="@rend"><xsl:text> rend-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@rend"/></xsl:call-template></xsl:if>
    </xsl:attribute>
    <xsl:if test="$wit and parent::tei:div">
      <xsl:attribute name="data-block"><xsl:value-of select="count(preceding-sibling::*)"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- Top-level milestones and furniture still get a row of their own in the synoptic view -->
  <xsl:template match="tei:div/tei:pb | tei:div/tei:fw | tei:div/tei:note | tei:div/tei:milestone
                       | tei:div/tei:lb | tei:div/tei:cb" priority="2">
    <div>
      <xsl:call-template name="block-attrs"/>
      <xsl:apply-templates select="." mode="ed"/>
    </div>
  </xsl:template>

</xsl:stylesheet>
